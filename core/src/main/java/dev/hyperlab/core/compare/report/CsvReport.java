package dev.hyperlab.core.compare.report;

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
import dev.hyperlab.core.compare.isolation.IsolationTable;
import dev.hyperlab.core.compare.stats.Stats;
import dev.hyperlab.core.model.Phase;
import java.util.List;

/**
 * The CSV report: one long ("tidy") table, so it loads into any spreadsheet or dataframe.
 *
 * <p>Columns (stable): {@code section,kind,metric,statistic,run,value,unit}.
 * section: meta | boot | memory | disk | benchmark | isolation | density | vm-lever | vm-lever-reading
 * (see {@link VmLeverSections#csv}).
 * statistic: value (one run; run is set) or n | median | p95 | min | max | mean (run is empty).
 */
public final class CsvReport {
    public static final String HEADER = "section,kind,metric,statistic,run,value,unit";

    private CsvReport() {}

    public static String render(CompareSummary s) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        ReportMeta m = s.set().meta();
        meta(b, "timestamp", m.timestamp().toString(), "");
        meta(b, "accelerator", m.accelerator().label(), "");
        meta(b, "host.cpuModel", m.hostCpuModel(), "");
        meta(b, "host.cpus", Integer.toString(m.hostCpus()), "");
        meta(b, "host.memory", Fmt.plain(m.hostMemoryBytes() / CompareSummary.MB), "MB");
        meta(b, "host.kernel", m.hostKernel(), "");
        if (!Double.isNaN(m.loadStart())) {
            meta(b, "host.loadStart", Fmt.plain(m.loadStart()), "");
        }
        if (!Double.isNaN(m.loadEnd())) {
            meta(b, "host.loadEnd", Fmt.plain(m.loadEnd()), "");
        }
        new java.util.TreeMap<>(m.versions()).forEach((k, v) -> meta(b, "version." + k, v, ""));
        meta(b, "runs", Integer.toString(m.runs()), "");
        meta(b, "image", m.image(), "");
        meta(b, "guest.cpus", Integer.toString(m.guestCpus()), "");
        meta(b, "guest.memory", Fmt.plain(m.guestMemoryBytes() / CompareSummary.MB), "MB");

        for (BootTrial t : s.set().boots()) {
            t.timeline().asMap().forEach((p, d) ->
                    row(b, "boot", t.subject(), p.label(), "value", Integer.toString(t.run()), Long.toString(d.toMillis()), "ms"));
        }
        for (Subject k : s.bootSubjects()) {
            for (Phase p : Phase.values()) {
                s.boot(k, p).ifPresent(st -> stats(b, "boot", k, p.label(), st, "ms"));
            }
        }
        for (MemoryLedger l : s.set().memory()) {
            for (CompareSummary.MemoryMetric mm : CompareSummary.MemoryMetric.values()) {
                mm.of(l).ifPresent(v -> row(b, "memory", l.subject(), mm.field(), "value", Integer.toString(l.run()),
                        Fmt.plain(v / CompareSummary.MB), "MB"));
            }
        }
        for (Subject k : s.memorySubjects()) {
            for (CompareSummary.MemoryMetric mm : CompareSummary.MemoryMetric.values()) {
                s.memory(k, mm).ifPresent(st -> stats(b, "memory", k, mm.field(), st, "MB"));
            }
        }
        for (DiskUsage d : s.set().disk()) {
            row(b, "disk", d.subject(), "base", "value", "", Fmt.plain(d.baseBytes() / CompareSummary.MB), "MB");
            row(b, "disk", d.subject(), "instance", "value", "", Fmt.plain(d.instanceBytes() / CompareSummary.MB), "MB");
        }
        for (BenchResult r : s.set().benchmarks()) {
            row(b, "benchmark", r.subject(), r.benchmark().label(), "value", Integer.toString(r.run()),
                    Fmt.plain(r.value()), r.benchmark().unit());
        }
        for (Subject k : s.benchSubjects()) {
            for (Benchmark bm : Benchmark.values()) {
                s.bench(k, bm).ifPresent(st -> stats(b, "benchmark", k, bm.label(), st, bm.unit()));
                s.percentOfHost(k, bm).ifPresent(p -> row(b, "benchmark", k, bm.label() + ".percentOfHost", "median", "",
                        Fmt.plain(p), "%"));
            }
        }
        for (ClockCheck c : s.set().clockChecks()) {
            row(b, "benchmark", c.subject(), "guestClockRate", "value", Integer.toString(c.run()), Fmt.plain(c.rate()), "x");
        }
        for (IsolationTable.Row r : s.isolationRows()) {
            r.answers().forEach((k, v) -> row(b, "isolation", k, r.key(), "value", "", v, ""));
        }
        for (DensityResult d : s.set().density()) {
            row(b, "density", d.subject(), "instances", "value", "", Integer.toString(d.instances()), "");
            row(b, "density", d.subject(), "budget", "value", "", Fmt.plain(d.budgetBytes() / CompareSummary.MB), "MB");
            row(b, "density", d.subject(), "marginal", "value", "", Fmt.plain(d.marginalBytes() / CompareSummary.MB), "MB");
            row(b, "density", d.subject(), "stop", "value", "", d.stop().label(), "");
            d.projectedInstances().ifPresent(p -> row(b, "density", d.subject(), "projectedInstances", "value", "",
                    Long.toString(p), ""));
            // one row per checkpoint and figure; the run column holds the instance count of the checkpoint
            DensityCheckpoint previous = null;
            for (DensityCheckpoint c : d.checkpoints()) {
                String n = Integer.toString(c.instances());
                row(b, "density", d.subject(), "perInstance", "at", n, Fmt.plain(c.perInstanceBytes() / CompareSummary.MB), "MB");
                row(b, "density", d.subject(), "marginal", "at", n, Fmt.plain(c.marginalBytesSince(previous) / CompareSummary.MB), "MB");
                row(b, "density", d.subject(), "hostCost", "at", n, Fmt.plain(c.hostCostBytes() / CompareSummary.MB), "MB");
                row(b, "density", d.subject(), "memAvailableDrop", "at", n,
                        Fmt.plain(c.memAvailableDropBytes() / CompareSummary.MB), "MB");
                row(b, "density", d.subject(), "elapsed", "at", n, Fmt.plain(c.elapsed().toMillis() / 1000.0), "s");
                previous = c;
            }
        }
        VmLeverSections.csv(s, b);
        return b.toString();
    }

    private static void stats(StringBuilder b, String section, Subject k, String metric, Stats st, String unit) {
        row(b, section, k, metric, "n", "", Integer.toString(st.n()), "");
        for (var e : List.of(
                java.util.Map.entry("median", st.median()), java.util.Map.entry("p95", st.p95()),
                java.util.Map.entry("min", st.min()), java.util.Map.entry("max", st.max()),
                java.util.Map.entry("mean", st.mean()))) {
            row(b, section, k, metric, e.getKey(), "", Fmt.plain(e.getValue()), unit);
        }
    }

    private static void meta(StringBuilder b, String metric, String value, String unit) {
        b.append(String.join(",", "meta", "", esc(metric), "value", "", esc(value), unit)).append('\n');
    }

    private static void row(StringBuilder b, String section, Subject k, String metric, String stat, String run,
                            String value, String unit) {
        b.append(String.join(",", section, k.label(), esc(metric), stat, run, esc(value), esc(unit))).append('\n');
    }

    /** RFC 4180 quoting when needed. */
    static String esc(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
