package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.cli.complete.CompletionScripts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("completion scripts come from the command model")
class CompletionScriptTest {
    final String bash = CompletionScripts.bash(Cli.createForDocs());

    @Test
    @DisplayName("bash: the live-name tables say which parameter takes a VM, container, image or snapshot")
    void liveNameTables() {
        assertTrue(bash.contains("\"vm start#0\") echo vm ;;"), "vm start NAME");
        assertTrue(bash.contains("\"vm rm#\"*) echo vm ;;"), "vm rm NAME...");
        assertTrue(bash.contains("\"vm snapshot revert#1\") echo snapshot ;;"), "vm snapshot revert NAME SNAP");
        assertTrue(bash.contains("\"ct exec#0\") echo ct ;;"));
        assertTrue(bash.contains("\"image rm#0\") echo image ;;"));
        assertTrue(bash.contains("\"vm create#--image\") echo image ;;"));
        assertTrue(bash.contains("complete -F _complete_hyperlab_live -o default hyperlab"));
    }

    @Test
    @DisplayName("the hidden gen-docs command is nowhere in the scripts, and enum values complete as users type them")
    void hiddenAndEnums() {
        assertFalse(bash.contains("gen-docs"));
        assertTrue(bash.contains("mode_option_args=(\"app\" \"system\")"), "--mode values");
        String fish = CompletionScripts.fish(Cli.createForDocs());
        assertTrue(fish.contains("-a '(hyperlab __complete vm (__hyperlab_args))'"), fish);
        assertTrue(CompletionScripts.zsh(Cli.createForDocs()).startsWith("#compdef hyperlab\n"));
    }
}
