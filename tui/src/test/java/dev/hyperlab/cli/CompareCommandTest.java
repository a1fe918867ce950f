package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare's argument handling (bad input is exit 2 before anything is made) and --from re-rendering. */
class CompareCommandTest {

    static Path recorded(Path dir) throws Exception {
        Path p = dir.resolve("run.json");
        try (var in = CompareCommandTest.class.getResourceAsStream("recorded-compare.json")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void badArgumentsAreUsageErrors(@TempDir Path dir) {
        assertEquals(2, CliTest.run("compare", "--runs", "0").code());
        assertEquals(2, CliTest.run("compare", "--kinds", "vm,lxc").code());
        assertEquals(2, CliTest.run("compare", "--memory", "lots").code());
        assertEquals(2, CliTest.run("compare", "--memory", "1M").code());
        assertEquals(2, CliTest.run("compare", "--density", "--budget", "512M").code());
        CliTest.Result noVms = CliTest.run("compare", "--density", "--max-vms", "0");
        assertEquals(2, noVms.code());
        assertTrue(noVms.err().contains("VM cap must be positive"), noVms.err());
        assertEquals(2, CliTest.run("compare", "--markdown", dir.resolve("no/such/dir/r.md").toString()).code());
        assertEquals(2, CliTest.run("compare", "--json", "--csv").code(), "two formats on stdout");
        assertEquals(2, CliTest.run("compare", "--from", dir.resolve("missing.json").toString()).code());
        CliTest.Result tb = CliTest.run("compare", "--vm-levers", "--tb-cache", "0,lots");
        assertEquals(2, tb.code());
        assertTrue(tb.err().contains("--tb-cache takes MiB, 0 or none"), tb.err());
        assertEquals(2, CliTest.run("compare", "--vm-levers", "--clones", "40").code());
        assertEquals(2, CliTest.run("compare", "--vm-levers", "--tb-cache", "5000").code());
    }

    @Test
    void fromRendersARecordedRunInEveryFormat(@TempDir Path dir) throws Exception {
        Path run = recorded(dir);
        CliTest.Result text = CliTest.run("compare", "--from", run.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Boot: time to ready"), text.out());
        assertTrue(text.out().contains("NOTE: VMs ran under TCG"));

        Path md = dir.resolve("report.md");
        Path csv = dir.resolve("report.csv");
        CliTest.Result r = CliTest.run("compare", "--from", run.toString(), "--markdown", md.toString(), "--csv", csv.toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{"), "JSON on stdout");
        assertTrue(Files.readString(md).contains("## The primers' table, measured on this host"));
        assertTrue(Files.readString(csv).startsWith("section,kind,metric,statistic,run,value,unit\n"));
    }

    @Test
    void foreignJsonIsAUsageError(@TempDir Path dir) throws Exception {
        Path p = Files.writeString(dir.resolve("x.json"), "{\"hello\": 1}");
        assertEquals(2, CliTest.run("compare", "--from", p.toString()).code());
    }
}
