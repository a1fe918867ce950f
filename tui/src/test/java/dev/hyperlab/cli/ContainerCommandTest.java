package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing only: these fail before any engine is contacted. */
class ContainerCommandTest {
    private int run(StringWriter err, String... args) {
        CommandLine cl = Cli.create();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test void unknownModeIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(Cli.USAGE, run(err, "ct", "create", "x", "--image", "debian-12", "--mode", "vm", "--", "true"));
        assertTrue(err.toString().contains("use app or system"), err.toString());
    }

    @Test void imageHasTheSameDefaultAsForVms() {
        CommandLine.Model.CommandSpec ct = Cli.createForDocs().getSubcommands().get("ct").getSubcommands().get("create").getCommandSpec();
        CommandLine.Model.CommandSpec vm = Cli.createForDocs().getSubcommands().get("vm").getSubcommands().get("create").getCommandSpec();
        assertEquals("debian-12", ct.findOption("--image").defaultValue());
        assertEquals(vm.findOption("--image").defaultValue(), ct.findOption("--image").defaultValue());
    }

    @Test void vmAndCtCreateSpellTheSharedFlagsAlike() {
        CommandLine.Model.CommandSpec ct = Cli.createForDocs().getSubcommands().get("ct").getSubcommands().get("create").getCommandSpec();
        CommandLine.Model.CommandSpec vm = Cli.createForDocs().getSubcommands().get("vm").getSubcommands().get("create").getCommandSpec();
        for (String flag : new String[] {"--image", "--cpus", "--memory", "--user", "--ssh-key", "--no-default-ssh-keys",
                "--cloud-config", "--network", "--start", "--wait", "--timeout"}) {
            CommandLine.Model.OptionSpec a = vm.findOption(flag);
            CommandLine.Model.OptionSpec b = ct.findOption(flag);
            assertTrue(a != null && b != null, flag + " in both");
            if (a.arity().max() > 0 && !flag.equals("--network")) { // a VM also has 'user' (QEMU user-mode)
                assertEquals(a.paramLabel(), b.paramLabel(), flag + " takes the same kind of value");
            }
        }
    }

    @Test void everySubcommandHasHelp() {
        for (String sub : new String[] {"create", "start", "stop", "rm", "list", "info", "exec", "logs"}) {
            assertEquals(Cli.OK, run(new StringWriter(), "ct", sub, "--help"), sub);
        }
    }
}
