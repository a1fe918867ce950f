package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated bash completion, as a shell runs it: sourced in a non-interactive bash, its function
 * called with COMP_WORDS/COMP_CWORD set, with `hyperlab` on PATH being the jar this build made. The
 * VM it completes is defined through virsh on qemu:///system (no disk, no NIC, never started).
 */
@DisplayName("bash completion: subcommands from the model, live VM names from libvirt")
class CompletionIT {
    static final String VM = "t-native-web-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
    @TempDir static Path tmp;
    static Path script;
    static Map<String, String> env;

    @BeforeAll
    static void defineAVmAndWriteTheScript() throws Exception {
        Path root = Shell.repositoryRoot();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path launcher = bin.resolve("hyperlab");
        Files.writeString(launcher, "#!/bin/sh\nexec " + root.resolve("hyperlab") + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "XDG_CACHE_HOME", tmp.resolve("cache").toString(),
                "LIBVIRT_DEFAULT_URI", "qemu:///system");
        Path xml = tmp.resolve("vm.xml");
        Files.writeString(xml, "<domain type='qemu'><name>" + VM + "</name><memory unit='MiB'>64</memory>"
                + "<os><type arch='x86_64'>hvm</type></os></domain>");
        Shell.Result def = Shell.run(Duration.ofMinutes(2), "virsh", "-c", "qemu:///system", "define", xml.toString());
        assertEquals(0, def.exit(), def.output());
        script = tmp.resolve("hyperlab.bash");
        // stdout only: the launcher may say on stderr that it builds first
        Shell.Result gen = Shell.bash(env, "hyperlab completion bash > '" + script + "'");
        assertEquals(0, gen.exit(), gen.output());
    }

    @AfterAll
    static void removeTheVm() throws Exception {
        Shell.run(Duration.ofMinutes(1), "virsh", "-c", "qemu:///system", "undefine", VM);
    }

    /** What the completion function offers for these words (the last one is the word being completed). */
    static List<String> complete(String... words) throws Exception {
        StringBuilder w = new StringBuilder();
        for (String word : words) {
            w.append(" '").append(word).append("'");
        }
        Shell.Result r = Shell.bash(env, "source '" + script + "' 2>/dev/null\n"
                + "compopt() { :; }\n" // outside readline, compopt has no completion to change
                + "COMP_WORDS=(" + w + ")\nCOMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\nCOMPREPLY=()\n"
                + "_complete_hyperlab_live hyperlab \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n");
        assertEquals(0, r.exit(), r.output());
        return r.output().lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    @DisplayName("hyperlab vm st<TAB> offers start and stop")
    void subcommands() throws Exception {
        assertEquals(List.of("start", "stop"), complete("hyperlab", "vm", "st").stream().sorted().toList());
    }

    @Test
    @DisplayName("hyperlab vm start <prefix><TAB> offers the VM, asked live and then from the cache")
    void vmNames() throws Exception {
        String prefix = VM.substring(0, VM.length() - 2);
        assertEquals(List.of(VM), complete("hyperlab", "vm", "start", prefix), "live");
        assertTrue(Files.exists(tmp.resolve("cache/hyperlab/complete/vm")), "the answer was cached");
        assertEquals(List.of(VM), complete("hyperlab", "vm", "start", prefix), "cached");
        assertTrue(complete("hyperlab", "vm", "start", "").contains(VM), "every VM for an empty word");
        assertFalse(complete("hyperlab", "vm", "start", "--").contains(VM), "options, not names, after --");
    }

    @Test
    @DisplayName("options and enum values complete: --mem and --mode")
    void optionsAndEnums() throws Exception {
        assertEquals(List.of("--memory"), complete("hyperlab", "vm", "create", "--mem"));
        assertEquals(List.of("app", "system"), complete("hyperlab", "ct", "create", "--mode", "").stream().sorted().toList());
    }

    @Test
    @DisplayName("NO_COLOR wins over CLICOLOR_FORCE in the help")
    void noColor() throws Exception {
        Path launcher = tmp.resolve("bin/hyperlab");
        Shell.Result forced = Shell.run(Map.of("CLICOLOR_FORCE", "1"), Duration.ofMinutes(2), launcher.toString(), "vm", "--help");
        assertTrue(forced.output().contains("\u001b["), "colours when forced:\n" + forced.output());
        Shell.Result plain = Shell.run(Map.of("CLICOLOR_FORCE", "1", "NO_COLOR", "1"), Duration.ofMinutes(2),
                launcher.toString(), "vm", "--help");
        assertFalse(plain.output().contains("\u001b["), plain.output());
    }
}
