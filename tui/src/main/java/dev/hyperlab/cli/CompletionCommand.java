package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.CompletionScripts;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script, generated from the same command model as --help.",
                "Commands, options, enum values and live names (VMs, containers, images, snapshots) complete.",
                "Installed by scripts/setup.sh and the package; to try it now: source <(hyperlab completion bash)"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh, fish }

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.") Shell shell;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        CommandLine root = Cli.createForDocs();
        String script = switch (shell) {
            case bash -> CompletionScripts.bash(root);
            case zsh -> CompletionScripts.zsh(root);
            case fish -> CompletionScripts.fish(root);
        };
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }
}
