package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused at the command line, in one line, with exit code 2, before anything connects or is written. */
class BadInputCliTest {
    @TempDir Path tmp;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    /** {@link CliTest#run}, keeping what the last command printed. */
    private int run(String... args) {
        CliTest.Result r = CliTest.run(args);
        out.setLength(0);
        out.append(r.out());
        err.setLength(0);
        err.append(r.err());
        return r.code();
    }

    @Test
    @DisplayName("a negative timeout or count is a usage error (exit 2) for every command that takes one")
    void negativeTimeoutsAndCounts() {
        String[][] cases = {
                {"ct", "create", "box", "--image", "debian-12", "--mode", "system", "--start", "--wait", "--timeout=-1"},
                {"ct", "start", "box", "--timeout=-1"},
                {"ct", "exec", "box", "--timeout=-5", "--", "true"},
                {"vm", "create", "web", "--timeout=-1"},
                {"vm", "start", "web", "--timeout=-1"},
                {"vm", "stop", "web", "--timeout=-1"},
                {"compare", "--runs=-1"},
                {"compare", "--boot-timeout=-1"},
                {"compare", "--max-instances=-3"},
                {"compare", "--max-vms=-1"},
        };
        for (String[] c : cases) {
            err.setLength(0);
            assertEquals(Cli.USAGE, run(c), String.join(" ", c) + ": " + err);
            assertTrue(err.toString().contains("is negative; use 0 or more"), String.join(" ", c) + ": " + err);
        }
        err.setLength(0);
        assertEquals(Cli.USAGE, run("ct", "start", "box", "--timeout=soon"));
        assertTrue(err.toString().contains("'soon' is not a whole number"), err.toString());
    }

    @Test
    @DisplayName("cloud-init render --iso refuses a file it did not make; --force overwrites it")
    void renderRefusesToOverwrite() throws Exception {
        Path iso = tmp.resolve("notes.txt");
        Files.writeString(iso, "someone's notes");
        assertEquals(Cli.USAGE, run("cloud-init", "render", "--hostname", "web-1", "--no-default-ssh-keys",
                "--iso", iso.toString()));
        assertEquals("error: cloud-init render failed: " + iso + " exists already; try another path, or --force to "
                + "overwrite", err.toString().strip());
        assertEquals("someone's notes", Files.readString(iso));

        assertEquals(Cli.OK, run("cloud-init", "render", "--hostname", "web-1", "--no-default-ssh-keys",
                "--iso", iso.toString(), "--force"), err.toString());
        assertTrue(Files.size(iso) > 16 * 2048, "now a seed ISO");
    }

    @Test
    @DisplayName("cloud-init render --out refuses to overwrite seed files already there")
    void renderOutRefusesToOverwrite() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("seed"));
        Files.writeString(dir.resolve("user-data"), "#cloud-config\nmine: true\n");
        assertEquals(Cli.USAGE, run("cloud-init", "render", "--hostname", "web-1", "--no-default-ssh-keys",
                "--out", dir.toString()));
        assertTrue(err.toString().contains(dir.resolve("user-data") + " exists already"), err.toString());
        assertEquals("#cloud-config\nmine: true\n", Files.readString(dir.resolve("user-data")));
    }

    @Test
    @DisplayName("ct rm takes --force, as vm rm does")
    void ctRmHasForce() {
        assertEquals(Cli.OK, run("ct", "rm", "--help"));
        assertTrue(out.toString().contains("-f, --force"), out.toString());
    }

    @Test
    @DisplayName("compare refuses to overwrite a report file before it measures anything; --force overwrites it")
    void compareRefusesToOverwriteAReport() throws Exception {
        Path run = CompareCommandTest.recorded(tmp);
        Path md = Files.writeString(tmp.resolve("notes.md"), "my notes\n");
        assertEquals(Cli.USAGE, run("compare", "--from", run.toString(), "--markdown", md.toString()));
        assertEquals("error: compare failed: " + md + " exists already; try another file name, or --force to overwrite it",
                err.toString().strip());
        assertEquals("my notes\n", Files.readString(md));
        assertEquals(Cli.OK, run("compare", "--from", run.toString(), "--markdown", md.toString(), "--force"), err.toString());
        assertTrue(Files.readString(md).contains("## The primers' table, measured on this host"));
    }

    @Test
    @DisplayName("vm create --memory above the libvirt host's memory, or --network naming no libvirt network: exit 2")
    void vmCreateChecksTheHost() {
        // libvirt's in-process test driver: 3 GiB of memory, one network named "default".
        assertEquals(Cli.USAGE, run("vm", "create", "t-inputs-big", "-c", "test:///default", "--memory", "10T"));
        assertEquals("error: bad --memory 10 TiB: the host has only 3 GiB in all; try --memory 1G or less",
                err.toString().strip());
        err.setLength(0);
        assertEquals(Cli.USAGE, run("vm", "create", "t-inputs-net", "-c", "test:///default", "--network", "nosuchnet"));
        assertEquals("error: bad --network 'nosuchnet': the libvirt host has no network of that name (it has: default); "
                + "try --network none, --network user or --network default", err.toString().strip());
        err.setLength(0);
        assertEquals(Cli.USAGE, run("vm", "create", "t-inputs-bad", "-c", "test:///default", "--network", "no such net"));
        assertEquals("error: bad --network 'no such net': not none, nat, user or a libvirt network name; try none, nat, "
                + "user or the name of a libvirt network", err.toString().strip());
    }
}
