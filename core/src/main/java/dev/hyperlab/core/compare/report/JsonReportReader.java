package dev.hyperlab.core.compare.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.core.compare.BootTrial;
import dev.hyperlab.core.compare.DensityCheckpoint;
import dev.hyperlab.core.compare.DensityResult;
import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.bench.BenchResult;
import dev.hyperlab.core.compare.bench.Benchmark;
import dev.hyperlab.core.compare.bench.ClockCheck;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.host.Accelerator;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a JSON report back into the {@link MeasurementSet} it was rendered from, so a long run can be
 * re-rendered in another format ({@code hyperlab compare --from run.json --markdown report.md}).
 * Uses only the per-run fields; the summaries are recomputed.
 */
public final class JsonReportReader {
    private static final ObjectMapper M = new ObjectMapper();

    private JsonReportReader() {}

    public static MeasurementSet read(String json) {
        JsonNode root;
        try {
            root = M.readTree(json);
        } catch (IOException e) {
            throw HyperlabException.badInput("reading the report failed: not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "try a file written by 'hyperlab compare --json FILE'");
        }
        if (root == null || !JsonReport.SCHEMA.equals(root.path("schema").asText())) {
            throw HyperlabException.badInput("reading the report failed: schema is not " + JsonReport.SCHEMA,
                    "try a file written by this version of 'hyperlab compare --json FILE'");
        }
        JsonNode m = root.path("meta");
        Map<String, String> versions = new LinkedHashMap<>();
        m.path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asText()));
        ReportMeta meta = new ReportMeta(Instant.parse(m.path("timestamp").asText()),
                Accelerator.valueOf(m.path("accelerator").asText().toUpperCase(java.util.Locale.ROOT)),
                m.path("acceleratorReason").asText(), m.path("host").path("cpuModel").asText(),
                m.path("host").path("cpus").asInt(), bytes(m.path("host").path("memoryMb")), m.path("host").path("kernel").asText(),
                versions, m.path("runs").asInt(), m.path("image").asText(), m.path("guest").path("cpus").asInt(),
                bytes(m.path("guest").path("memoryMb")), num(m.path("host").path("loadStart")),
                num(m.path("host").path("loadEnd")));

        List<BootTrial> boots = new ArrayList<>();
        for (JsonNode t : root.path("bootTrials")) {
            BootTimeline tl = BootTimeline.empty();
            for (Phase p : Phase.values()) {
                JsonNode ms = t.path("phasesMs").path(p.label());
                if (ms.isNumber()) {
                    tl = tl.reached(p, Duration.ofMillis(ms.asLong()));
                }
            }
            boots.add(new BootTrial(subject(t), t.path("run").asInt(), tl));
        }
        List<MemoryLedger> memory = new ArrayList<>();
        for (JsonNode l : root.path("memory")) {
            memory.add(new MemoryLedger(subject(l), l.path("run").asInt(), opt(l, "qemuRssMb"), opt(l, "qemuPssMb"),
                    opt(l, "qemuGuestRamMb"), opt(l, "qemuTcgCacheMb"),
                    opt(l, "cgroupMb"), opt(l, "cgroupAnonMb"), opt(l, "monitorPssMb"), opt(l, "guestUsedMb"),
                    opt(l, "guestTotalMb"),
                    l.path("guestViewIsHost").asBoolean()));
        }
        List<DiskUsage> disk = new ArrayList<>();
        for (JsonNode d : root.path("disk")) {
            disk.add(new DiskUsage(subject(d), d.path("baseBytes").asLong(), d.path("instanceBytes").asLong(),
                    d.path("base").asText(), d.path("instance").asText()));
        }
        List<BenchResult> bench = new ArrayList<>();
        for (JsonNode b : root.path("benchmarkRuns")) {
            bench.add(new BenchResult(subject(b), benchmark(b.path("benchmark").asText()), b.path("run").asInt(),
                    b.path("value").asDouble(), b.path("note").asText("")));
        }
        List<IsolationReport> iso = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> raw = root.path("isolation").path("raw").fields();
        while (raw.hasNext()) {
            Map.Entry<String, JsonNode> e = raw.next();
            Map<String, String> values = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(v -> values.put(v.getKey(), v.getValue().asText()));
            iso.add(new IsolationReport(subject(e.getKey()), values));
        }
        List<DensityResult> density = new ArrayList<>();
        for (JsonNode d : root.path("density")) {
            density.add(density(d));
        }
        List<ClockCheck> clocks = new ArrayList<>();
        for (JsonNode c : root.path("clockChecks")) {
            clocks.add(new ClockCheck(subject(c), c.path("run").asInt(), c.path("guestSeconds").asDouble(),
                    c.path("hostSeconds").asDouble(), c.path("uncertainty").asDouble(), c.path("rescaled").asBoolean()));
        }
        return new MeasurementSet(meta, boots, memory, disk, bench, iso, density, clocks, VmLeverJson.read(root));
    }

    /**
     * A density sweep. A report written before the sweep had checkpoints gets one, at its count, with
     * its total, and a stop read from its reason's words.
     */
    private static DensityResult density(JsonNode d) {
        int instances = d.path("instances").asInt();
        List<DensityCheckpoint> cps = new ArrayList<>();
        for (JsonNode c : d.path("checkpoints")) {
            cps.add(new DensityCheckpoint(c.path("instances").asInt(), c.path("hostCostBytes").asLong(),
                    c.path("memAvailableDropBytes").asLong(), Duration.ofMillis(Math.round(c.path("seconds").asDouble() * 1000))));
        }
        if (!d.has("checkpoints") && instances > 0) {
            cps.add(new DensityCheckpoint(instances, bytes(d.path("usedMb")), 0, Duration.ZERO));
        }
        String why = d.path("stoppedBecause").asText();
        DensityResult.Stop stop = d.has("stop") ? DensityResult.Stop.ofLabel(d.path("stop").asText())
                : why.startsWith("budget") ? DensityResult.Stop.BUDGET
                : why.contains("cap") ? DensityResult.Stop.CAP
                : why.contains("reserve") ? DensityResult.Stop.RESERVE : DensityResult.Stop.ENGINE_ERROR;
        return new DensityResult(subject(d), bytes(d.path("budgetMb")), instances, cps, stop, why,
                Duration.ofMillis(Math.round(d.path("seconds").asDouble() * 1000)),
                Duration.ofMillis(Math.round(d.path("removeSeconds").asDouble() * 1000)));
    }

    private static Subject subject(JsonNode n) { return subject(n.path("kind").asText()); }

    private static Subject subject(String label) {
        for (Subject s : Subject.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw HyperlabException.badInput("reading the report failed: unknown kind '" + label + "'", null);
    }

    private static Benchmark benchmark(String label) {
        for (Benchmark b : Benchmark.values()) {
            if (b.label().equals(label)) {
                return b;
            }
        }
        throw HyperlabException.badInput("reading the report failed: unknown benchmark '" + label + "'", null);
    }

    /** MB (2^20) back to bytes; exact for values the writer produced from whole bytes. */
    private static long bytes(JsonNode mb) { return Math.round(mb.asDouble() * CompareSummary.MB); }

    private static double num(JsonNode n) { return n.isNumber() ? n.asDouble() : Double.NaN; }

    private static OptionalLong opt(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? OptionalLong.of(bytes(v)) : OptionalLong.empty();
    }
}
