package dev.hyperlab.core.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.bench.Benchmark;
import dev.hyperlab.core.model.Phase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every renderer from one recorded measurement set. The text and Markdown outputs are compared
 * with golden files; regenerate them with -Dhyperlab.updateGolden=true after an intended change
 * and review the diff.
 */
class ReportRenderingTest {
    private final CompareSummary summary = new CompareSummary(RecordedMeasurements.set());

    @Test
    void summaryAggregates() {
        assertEquals(104_500, summary.boot(Subject.VM, Phase.READY).orElseThrow().median());
        assertEquals(112_900, summary.boot(Subject.VM, Phase.READY).orElseThrow().p95());
        assertEquals(420, summary.boot(Subject.APP_CONTAINER, Phase.READY).orElseThrow().median());
        assertTrue(summary.boot(Subject.APP_CONTAINER, Phase.KERNEL).isEmpty());
        assertEquals(587, summary.memory(Subject.VM, CompareSummary.MemoryMetric.HOST_COST).orElseThrow().median(), 1e-9);
        assertEquals(587 - 174, summary.memory(Subject.VM, CompareSummary.MemoryMetric.OVERHEAD).orElseThrow().median(), 1e-9);
        // container: host cost = cgroup + conmon's PSS; its guest view is the host's, so the workload is the
        // cgroup's anon memory and nothing is reported as "used" inside
        assertEquals(46.5, summary.memory(Subject.SYSTEM_CONTAINER, CompareSummary.MemoryMetric.HOST_COST).orElseThrow().median(), 1e-9);
        assertTrue(summary.memory(Subject.SYSTEM_CONTAINER, CompareSummary.MemoryMetric.GUEST_USED).isEmpty());
        assertEquals(13.5, summary.memory(Subject.SYSTEM_CONTAINER, CompareSummary.MemoryMetric.OVERHEAD).orElseThrow().median(), 1e-9);
        assertEquals(96.4 / 1723.6 * 100, summary.percentOfHost(Subject.VM, Benchmark.CPU).orElseThrow(), 1e-9);
        assertTrue(summary.percentOfHost(Subject.HOST, Benchmark.CPU).orElseThrow() == 100.0);
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        String json = JsonReport.render(summary);
        golden("compare-report.json", json);
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals("hyperlab.compare/1", root.get("schema").asText());
        assertEquals(Set.of("schema", "meta", "boot", "bootTrials", "memory", "memorySummary", "disk", "benchmarks",
                "benchmarkRuns", "clockChecks", "isolation", "density", "vmLevers"), names(root));
        JsonNode meta = root.get("meta");
        assertEquals(Set.of("timestamp", "accelerator", "acceleratorReason", "disclaimer", "host", "versions", "runs",
                "image", "guest", "p95Method", "clock"), names(meta));
        assertEquals("tcg", meta.get("accelerator").asText());
        assertTrue(meta.get("disclaimer").asText().contains("emulation"));
        assertEquals(Set.of("cpuModel", "cpus", "memoryMb", "kernel", "loadStart", "loadEnd"), names(meta.get("host")));
        assertEquals(3, meta.get("runs").asInt());

        JsonNode vmReady = find(root.get("boot"), "vm", "phase", "ready");
        assertEquals(Set.of("kind", "phase", "n", "medianMs", "p95Ms", "minMs", "maxMs", "meanMs"), names(vmReady));
        assertEquals(104_500, vmReady.get("medianMs").asDouble());
        assertEquals(3 * 5 + 3 * 4 + 3 * 3, root.get("boot").size() * 3, "one entry per kind and phase reached");

        JsonNode vmMem = root.get("memory").get(0);
        assertEquals(Set.of("kind", "run", "hostCostMb", "qemuRssMb", "qemuPssMb", "qemuGuestRamMb", "qemuTcgCacheMb",
                "cgroupMb", "monitorPssMb", "guestUsedMb",
                "workloadMb", "overheadMb", "cgroupAnonMb", "guestTotalMb", "guestViewIsHost"), names(vmMem));
        assertTrue(vmMem.get("cgroupMb").isNull());
        JsonNode ctMem = root.get("memory").get(1);
        assertEquals("system-ct", ctMem.get("kind").asText());
        assertTrue(ctMem.get("guestUsedMb").isNull() && ctMem.get("guestTotalMb").isNull(), "not the host's figures: " + ctMem);
        assertEquals(0.5, ctMem.get("monitorPssMb").asDouble());
        assertEquals(Set.of("kind", "run", "guestSeconds", "hostSeconds", "rate", "uncertainty", "rescaled"),
                names(root.get("clockChecks").get(0)));

        JsonNode cpuVm = find(root.get("benchmarks"), "vm", "benchmark", "cpu");
        assertEquals(Set.of("kind", "benchmark", "unit", "n", "median", "p95", "min", "max", "mean", "percentOfHost", "note"),
                names(cpuVm));
        assertEquals(5.59, cpuVm.get("percentOfHost").asDouble(), 0.01);

        JsonNode rows = root.get("isolation").get("rows");
        assertEquals(8, rows.size());
        assertEquals("no", find(rows, null, "key", "own_kernel").get("answers").get("app-ct").asText());
        assertEquals("6.1.0-27-cloud-amd64", root.get("isolation").get("raw").get("vm").get("kernel").asText());
        assertEquals(Set.of("kind", "budgetMb", "instances", "usedMb", "marginalMb", "projectedInstances", "stop",
                "stoppedBecause", "seconds", "removeSeconds", "checkpoints"), names(root.get("density").get(0)));
        assertEquals(Set.of("instances", "hostCostBytes", "perInstanceMb", "marginalMb", "memAvailableDropBytes", "seconds"),
                names(root.get("density").get(0).get("checkpoints").get(0)));
        assertTrue(root.get("density").get(0).get("projectedInstances").isNull(), "the VM sweep used its budget");
        JsonNode app = root.get("density").get(1);
        assertEquals(List.of(1, 10, 100, 200), app.get("checkpoints").findValues("instances").stream().map(JsonNode::asInt).toList());
        assertEquals("cap", app.get("stop").asText());
        assertEquals(200 + (4096 - 420) / 1.9, app.get("projectedInstances").asDouble(), 1,
                "stopped by its cap: the rest of the budget at the marginal cost from 100 to 200 (1.9 MB)");
    }

    @Test
    void csvIsOneLongTableWithStableColumns() {
        String csv = CsvReport.render(summary);
        List<String> lines = csv.lines().toList();
        assertEquals(CsvReport.HEADER, lines.get(0));
        for (String l : lines) {
            assertEquals(7, splitCsv(l).size(), l);
        }
        assertTrue(lines.contains("meta,,accelerator,value,,tcg,"));
        assertTrue(lines.contains("boot,vm,ready,median,,104500,ms"));
        assertTrue(lines.contains("boot,app-ct,ready,value,2,400,ms"));
        assertTrue(lines.contains("memory,vm,hostCostMb,median,,587,MB"));
        assertTrue(lines.contains("isolation,vm,own_kernel,value,,yes,"));
        assertTrue(lines.contains("meta,,host.cpuModel,value,,Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz,"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("benchmark,vm,cpu.percentOfHost,median,,5.59")));
    }

    @Test
    void markdownEndsWithThePrimersTableFilledIn() throws Exception {
        String md = MarkdownReport.render(summary);
        golden("compare-report.md", md);
        assertTrue(md.contains("> **Note:** VMs ran under TCG"));
        String tail = md.substring(md.lastIndexOf("## The primers' table, measured on this host"));
        List<String> rows = tail.lines().filter(l -> l.startsWith("| ")).toList();
        assertEquals(7, rows.size(), tail);
        List<String> aspects = new ArrayList<>();
        for (String r : rows.subList(1, rows.size())) {
            aspects.add(r.split(" \\| ")[0].substring(2));
            assertFalse(r.contains("not measured"), r);
        }
        assertEquals(List.of("Boot Speed", "Density", "Image Size", "Isolation", "Custom Kernel Modules", "CPU Overhead"), aspects);
        assertTrue(rows.get(1).contains("105 s (median, n=3)"), rows.get(1));
        assertTrue(rows.get(5).contains("yes, into its own kernel"), rows.get(5));
        assertTrue(md.strip().endsWith("|"), "the primers' table is the last thing");
    }

    @Test
    void terminalReportHasBarsAndTheDisclaimer() throws Exception {
        String text = TextReport.render(summary);
        golden("compare-report.txt", text);
        assertTrue(text.contains("NOTE: VMs ran under TCG"));
        assertTrue(text.contains("#".repeat(Sections.BAR)), "the slowest boot gets a full-width bar");
        assertTrue(text.lines().allMatch(l -> l.length() <= 140), "no runaway lines");
    }

    @Test
    void terminalReportFitsEightyColumnsWithTheSameFigures() {
        String text = TextReport.render(RecordedMeasurements.set(), 80);
        for (String l : text.lines().toList()) {
            assertTrue(l.length() <= 80, "too wide (" + l.length() + "): " + l);
        }
        assertTrue(text.contains("Accelerator: TCG"), text);
        assertTrue(text.replace("\n", " ").replaceAll(" +", " ").contains("are emulation figures"), text);
        for (String title : List.of("Boot: time to ready", "Boot phases", "Memory per idle instance", "Disk",
                "Overhead vs bare host", "Isolation: what each kind can and cannot do", "Density")) {
            assertTrue(text.contains(title), title);
        }
        // the boot bars fit untouched; the overhead bars are shortened, not cut: the host still has the longest
        assertTrue(text.contains("#".repeat(Sections.BAR)), text);
        String cpuHost = text.lines().filter(l -> l.contains("cpu") && l.contains("bare host")).findFirst().orElseThrow();
        String cpuVm = text.lines().filter(l -> l.contains("cpu") && l.contains("96.40")).findFirst().orElseThrow();
        int hostBar = cpuHost.length() - cpuHost.replace("#", "").length();
        int vmBar = cpuVm.length() - cpuVm.replace("#", "").length();
        assertTrue(hostBar >= TextReport.MIN_BAR && hostBar < Sections.BAR && vmBar >= 1 && vmBar < hostBar,
                hostBar + " " + vmBar);
        // wrapped cells keep every word: the isolation answers are all there
        String flat = text.replaceAll("\\s+", " ");
        assertTrue(flat.contains("41 of 41"), text);
        assertTrue(flat.contains("587 MB") && flat.contains("(host's)"), text);
    }

    @Test
    void aBusyHostAndFewRunsAreSaidWhereTheyMatter() {
        var set = RecordedMeasurements.set();
        var m = set.meta();
        var busy = new dev.hyperlab.core.compare.ReportMeta(m.timestamp(), m.accelerator(), m.acceleratorReason(),
                m.hostCpuModel(), m.hostCpus(), m.hostMemoryBytes(), m.hostKernel(), m.versions(), 1, m.image(),
                m.guestCpus(), m.guestMemoryBytes(), 3.5, 1.2);
        String md = MarkdownReport.render(new CompareSummary(new dev.hyperlab.core.compare.MeasurementSet(busy, set.boots(),
                set.memory(), set.disk(), set.benchmarks(), set.isolation(), set.density(), set.clockChecks())));
        assertTrue(md.contains("3.50 at start, 1.20 at end, on 2 CPUs - the host was busy"), md);
        assertTrue(md.contains("N = 1: each figure is a single sample"), md);
        String cpuRow = md.lines().filter(l -> l.startsWith("| CPU Overhead")).findFirst().orElseThrow();
        assertTrue(cpuRow.contains("98.7 % of host); within the noise of N = 1 on a busy host"), cpuRow);
        assertFalse(cpuRow.contains("5.6 % of host, under TCG emulation); within"), "the VM's 94 % is no noise: " + cpuRow);
    }

    @Test
    void tablesWrapTheWidestColumnsAndDropEmptyOnes() {
        Table t = new Table("probe", "answer", "").row("can load kernel modules", "yes (into the HOST kernel)", "");
        assertEquals("""
                  probe            answer
                  ---------------  ----------------
                  can load kernel  yes (into the
                  modules          HOST kernel)
                """, t.text("  ", 35));
        assertEquals("""
                  probe                    answer
                  -----------------------  --------------------------
                  can load kernel modules  yes (into the HOST kernel)
                """, t.text("  ", 200), "fits: no wrapping, and the empty column is left out");
        Table kernel = new Table("kind", "kernel").row("VM", "6.1.0-27-cloud-amd64");
        assertEquals("""
                  kind  kernel
                  ----  ---------------
                  VM    6.1.0-27-cloud-
                        amd64
                """, kernel.text("  ", 23), "a word too long for any column breaks after a '-'");
    }

    private static void golden(String name, String actual) throws Exception {
        Path src = Path.of("src/test/resources/dev/hyperlab/core/compare/report", name);
        if (Boolean.getBoolean("hyperlab.updateGolden")) {
            Files.createDirectories(src.getParent());
            Files.writeString(src, actual);
            return;
        }
        try (InputStream in = ReportRenderingTest.class.getResourceAsStream(name)) {
            assertTrue(in != null, "golden file " + name + " missing; run with -Dhyperlab.updateGolden=true");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new TreeSet<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(s::add);
        return new java.util.HashSet<>(s);
    }

    private static JsonNode find(JsonNode array, String kind, String field, String value) {
        for (JsonNode n : array) {
            if ((kind == null || kind.equals(n.path("kind").asText())) && value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " for " + kind);
    }

    /** Splits one CSV line, honouring double quotes. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    q = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                q = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
