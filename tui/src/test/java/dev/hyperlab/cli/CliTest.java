package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's contract: exit codes 0 ok, 1 failure, 2 usage; --help everywhere. */
class CliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Cli.create();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("doctor"), r.out());
    }

    @Test
    void everySubcommandHasHelp() {
        CommandLine root = Cli.create();
        // Aliases (ls for list) map to the same command: check each command once, by its name.
        for (String name : root.getSubcommands().values().stream().map(CommandLine::getCommandName).distinct().toList()) {
            if (name.equals("help")) {
                continue;
            }
            Result r = run(name, "--help");
            assertEquals(0, r.code(), name + " --help");
            assertTrue(r.out().startsWith("Usage: hyperlab " + name), name + ": " + r.out());
        }
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithExitCode2() {
        Result r = run("frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unmatched argument"), r.err());
    }

    @Test
    void badInputIsExitCode2AndOtherFailuresExitCode1() {
        assertEquals(2, Cli.exitCodeOf(HyperlabException.badInput("bad name", "try x")));
        assertEquals(1, Cli.exitCodeOf(new HyperlabException(ErrorCode.UNAVAILABLE, "libvirtd down", "start it")));
        assertEquals(1, Cli.exitCodeOf(new IllegalStateException("boom")));
    }

    @Test
    void theUserSeesOneLineWithTheHint() {
        assertEquals("create failed: disk full; try freeing space",
                Cli.messageOf(new HyperlabException(ErrorCode.OPERATION_FAILED, "create failed: disk full", "try freeing space")));
    }
}
