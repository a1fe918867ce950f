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

    @Test void imageIsRequired() {
        StringWriter err = new StringWriter();
        assertEquals(Cli.USAGE, run(err, "ct", "create", "x", "--", "true"));
        assertTrue(err.toString().contains("--image"), err.toString());
    }

    @Test void everySubcommandHasHelp() {
        for (String sub : new String[] {"create", "start", "stop", "rm", "list", "info", "exec", "logs"}) {
            assertEquals(Cli.OK, run(new StringWriter(), "ct", sub, "--help"), sub);
        }
    }
}
