package dev.hyperlab.core.compare.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperlab.core.compare.BootTrial;
import dev.hyperlab.core.compare.DensityCheckpoint;
import dev.hyperlab.core.compare.DensityResult;
import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.bench.BenchResult;
import dev.hyperlab.core.compare.bench.Benchmark;
import dev.hyperlab.core.compare.bench.ClockCheck;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.compare.isolation.IsolationTable;
import dev.hyperlab.core.compare.stats.Stats;
import dev.hyperlab.core.model.Phase;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * The JSON report. Field names are stable (schema "hyperlab.compare/1", documented in
 * docs/compare-output.md); sizes are MB (2^20 bytes) unless the name says Bytes, times are ms.
 */
public final class JsonReport {
    public static final String SCHEMA = "hyperlab.compare/1";
    private static final ObjectMapper M = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(CompareSummary s) {
        try {
            return M.writeValueAsString(tree(s)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode tree(CompareSummary s) {
        ObjectNode root = M.createObjectNode();
        root.put("schema", SCHEMA);
        meta(root.putObject("meta"), s.set().meta());

        ArrayNode boot = root.putArray("boot");
        for (Subject k : s.bootSubjects()) {
            for (Phase p : Phase.values()) {
                s.boot(k, p).ifPresent(st -> stats(boot.addObject().put("kind", k.label()).put("phase", p.label()), st, "Ms"));
            }
        }
        ArrayNode trials = root.putArray("bootTrials");
        for (BootTrial t : s.set().boots()) {
            ObjectNode n = trials.addObject().put("kind", t.subject().label()).put("run", t.run());
            ObjectNode phases = n.putObject("phasesMs");
            t.timeline().asMap().forEach((p, d) -> phases.put(p.label(), d.toMillis()));
        }

        ArrayNode mem = root.putArray("memory");
        for (MemoryLedger l : s.set().memory()) {
            ObjectNode n = mem.addObject().put("kind", l.subject().label()).put("run", l.run());
            for (CompareSummary.MemoryMetric m : CompareSummary.MemoryMetric.values()) {
                mb(n, m.field(), m.of(l));
            }
            mb(n, "cgroupAnonMb", l.cgroupAnonBytes());
            mb(n, "guestTotalMb", l.guestTotalBytes());
            n.put("guestViewIsHost", l.guestViewIsHost());
        }
        ArrayNode memSum = root.putArray("memorySummary");
        for (Subject k : s.memorySubjects()) {
            for (CompareSummary.MemoryMetric m : CompareSummary.MemoryMetric.values()) {
                s.memory(k, m).ifPresent(st -> stats(memSum.addObject().put("kind", k.label()).put("metric", m.field()), st, ""));
            }
        }

        ArrayNode disk = root.putArray("disk");
        for (DiskUsage d : s.set().disk()) {
            disk.addObject().put("kind", d.subject().label())
                    .put("baseBytes", d.baseBytes()).put("baseMb", d.baseBytes() / CompareSummary.MB).put("base", d.baseWhat())
                    .put("instanceBytes", d.instanceBytes()).put("instanceMb", d.instanceBytes() / CompareSummary.MB)
                    .put("instance", d.instanceWhat());
        }

        ArrayNode bench = root.putArray("benchmarks");
        for (Subject k : s.benchSubjects()) {
            for (Benchmark b : Benchmark.values()) {
                s.bench(k, b).ifPresent(st -> {
                    ObjectNode n = bench.addObject().put("kind", k.label()).put("benchmark", b.label()).put("unit", b.unit());
                    stats(n, st, "");
                    s.percentOfHost(k, b).ifPresentOrElse(p -> n.put("percentOfHost", p), () -> n.putNull("percentOfHost"));
                    n.put("note", s.benchNote(k, b));
                });
            }
        }
        ArrayNode runs = root.putArray("benchmarkRuns");
        for (BenchResult r : s.set().benchmarks()) {
            runs.addObject().put("kind", r.subject().label()).put("benchmark", r.benchmark().label()).put("run", r.run())
                    .put("value", r.value()).put("unit", r.benchmark().unit()).put("note", r.note());
        }

        ArrayNode clocks = root.putArray("clockChecks");
        for (ClockCheck c : s.set().clockChecks()) {
            clocks.addObject().put("kind", c.subject().label()).put("run", c.run()).put("guestSeconds", c.guestSeconds())
                    .put("hostSeconds", c.hostSeconds()).put("rate", c.rate()).put("uncertainty", c.uncertainty())
                    .put("rescaled", c.rescaled());
        }

        ObjectNode iso = root.putObject("isolation");
        ArrayNode rows = iso.putArray("rows");
        for (IsolationTable.Row r : s.isolationRows()) {
            ObjectNode n = rows.addObject().put("key", r.key()).put("question", r.question());
            ObjectNode a = n.putObject("answers");
            r.answers().forEach((k, v) -> a.put(k.label(), v));
        }
        ObjectNode raw = iso.putObject("raw");
        for (IsolationReport r : s.set().isolation()) {
            ObjectNode n = raw.putObject(r.subject().label());
            r.values().forEach(n::put);
        }

        ArrayNode density = root.putArray("density");
        for (DensityResult d : s.set().density()) {
            ObjectNode n = density.addObject().put("kind", d.subject().label())
                    .put("budgetMb", d.budgetBytes() / CompareSummary.MB)
                    .put("instances", d.instances()).put("usedMb", d.usedBytes() / CompareSummary.MB)
                    .put("marginalMb", d.marginalBytes() / CompareSummary.MB)
                    .put("stop", d.stop().label()).put("stoppedBecause", d.stoppedBecause())
                    .put("seconds", d.took().toMillis() / 1000.0).put("removeSeconds", d.removal().toMillis() / 1000.0);
            if (d.projectedInstances().isPresent()) {
                n.put("projectedInstances", d.projectedInstances().getAsLong());
            } else {
                n.putNull("projectedInstances");
            }
            ArrayNode cps = n.putArray("checkpoints");
            DensityCheckpoint previous = null;
            for (DensityCheckpoint c : d.checkpoints()) {
                cps.addObject().put("instances", c.instances()).put("hostCostBytes", c.hostCostBytes())
                        .put("perInstanceMb", c.perInstanceBytes() / CompareSummary.MB)
                        .put("marginalMb", c.marginalBytesSince(previous) / CompareSummary.MB)
                        .put("memAvailableDropBytes", c.memAvailableDropBytes())
                        .put("seconds", c.elapsed().toMillis() / 1000.0);
                previous = c;
            }
        }
        VmLeverJson.write(root, s.set().vmLevers());
        return root;
    }

    private static void meta(ObjectNode n, ReportMeta m) {
        n.put("timestamp", m.timestamp().toString());
        n.put("accelerator", m.accelerator().label());
        n.put("acceleratorReason", m.acceleratorReason());
        n.put("disclaimer", m.disclaimer());
        ObjectNode host = n.putObject("host");
        host.put("cpuModel", m.hostCpuModel()).put("cpus", m.hostCpus())
                .put("memoryMb", m.hostMemoryBytes() / CompareSummary.MB).put("kernel", m.hostKernel());
        num(host, "loadStart", m.loadStart());
        num(host, "loadEnd", m.loadEnd());
        ObjectNode v = n.putObject("versions");
        new java.util.TreeMap<>(m.versions()).forEach(v::put);
        n.put("runs", m.runs());
        n.put("image", m.image());
        n.putObject("guest").put("cpus", m.guestCpus()).put("memoryMb", m.guestMemoryBytes() / CompareSummary.MB);
        n.put("p95Method", Stats.METHOD);
        n.put("clock", "host monotonic clock; no figure comes from a guest clock");
    }

    private static void stats(ObjectNode n, Stats st, String suffix) {
        n.put("n", st.n());
        n.put("median" + suffix, st.median());
        n.put("p95" + suffix, st.p95());
        n.put("min" + suffix, st.min());
        n.put("max" + suffix, st.max());
        n.put("mean" + suffix, st.mean());
    }

    private static void num(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    private static void mb(ObjectNode n, String field, OptionalLong bytes) {
        if (bytes.isPresent()) {
            n.put(field, bytes.getAsLong() / CompareSummary.MB);
        } else {
            n.putNull(field);
        }
    }

}
