package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.compare.DensityResult;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.compare.Subject;
import dev.hyperlab.core.compare.bench.Benchmark;
import dev.hyperlab.core.compare.isolation.IsolationTable;
import dev.hyperlab.core.compare.stats.Stats;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.model.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tables both human-readable reports (terminal and Markdown) show, built once. */
final class Sections {
    static final int BAR = 30;

    private Sections() {}

    static List<String> metaLines(ReportMeta m) {
        List<String> l = new ArrayList<>();
        l.add("Accelerator: " + m.accelerator().label().toUpperCase(java.util.Locale.ROOT) + " (" + m.acceleratorReason() + ")");
        l.add("Host: " + m.hostCpuModel() + ", " + m.hostCpus() + " CPUs, " + Sizes.human(m.hostMemoryBytes())
                + " RAM, kernel " + m.hostKernel());
        List<String> vs = new ArrayList<>();
        new java.util.TreeMap<>(m.versions()).forEach((k, v) -> vs.add(k + " " + v));
        l.add("Versions: " + (vs.isEmpty() ? "unknown" : String.join(", ", vs)));
        l.add("Image: " + m.image() + "; each guest " + m.guestCpus() + " CPU(s), " + Sizes.human(m.guestMemoryBytes())
                + "; N = " + m.runs() + " run(s) per kind");
        l.add("Taken: " + m.timestamp() + "; all times on the host's monotonic clock; " + Stats.METHOD);
        return l;
    }

    static Table bootBars(CompareSummary s) { return bootBars(s, BAR); }

    /** Time to ready per kind, with a bar of at most {@code bar} cells. */
    static Table bootBars(CompareSummary s, int bar) {
        Table t = new Table("kind", "ready (median)", "");
        for (Subject k : s.bootSubjects()) {
            Optional<Stats> r = s.boot(k, Phase.READY);
            t.row(k.title(), r.map(st -> Fmt.seconds(st.median())).orElse("did not get ready"),
                    r.map(st -> Fmt.bar(st.median(), maxOf(s), bar)).orElse(""));
        }
        return t;
    }

    private static double maxOf(CompareSummary s) {
        double max = 0;
        for (Subject k : s.bootSubjects()) {
            max = Math.max(max, s.boot(k, Phase.READY).map(Stats::median).orElse(0.0));
        }
        return max;
    }

    static Table bootPhases(CompareSummary s) {
        Table t = new Table("kind", "phase", "median", "p95", "min", "max", "n");
        for (Subject k : s.bootSubjects()) {
            for (Phase p : Phase.values()) {
                s.boot(k, p).ifPresent(st -> t.row(k.title(), p.label(), Fmt.seconds(st.median()), Fmt.seconds(st.p95()),
                        Fmt.seconds(st.min()), Fmt.seconds(st.max()), Integer.toString(st.n())));
            }
        }
        return t;
    }

    static Table memory(CompareSummary s) { return memory(s, BAR); }

    static Table memory(CompareSummary s, int bar) {
        double max = 0;
        for (Subject k : s.memorySubjects()) {
            max = Math.max(max, s.memory(k, CompareSummary.MemoryMetric.HOST_COST).map(Stats::median).orElse(0.0));
        }
        Table t = new Table("kind", "host cost", "QEMU RSS", "QEMU PSS", "cgroup", "guest says used", "overhead", "");
        for (Subject k : s.memorySubjects()) {
            double cost = s.memory(k, CompareSummary.MemoryMetric.HOST_COST).map(Stats::median).orElse(0.0);
            String used = mem(s, k, CompareSummary.MemoryMetric.GUEST_USED);
            if (s.set().memory().stream().anyMatch(l -> l.subject() == k && l.guestViewIsHost())) {
                used += " (host-wide)";
            }
            t.row(k.title(), mem(s, k, CompareSummary.MemoryMetric.HOST_COST), mem(s, k, CompareSummary.MemoryMetric.QEMU_RSS),
                    mem(s, k, CompareSummary.MemoryMetric.QEMU_PSS), mem(s, k, CompareSummary.MemoryMetric.CGROUP), used,
                    mem(s, k, CompareSummary.MemoryMetric.OVERHEAD), Fmt.bar(cost, max, bar));
        }
        return t;
    }

    private static String mem(CompareSummary s, Subject k, CompareSummary.MemoryMetric m) {
        return s.memory(k, m).map(st -> Fmt.mb(st.median())).orElse("-");
    }

    static Table disk(CompareSummary s) {
        Table t = new Table("kind", "base", "size", "per instance", "size");
        for (Subject k : Subject.guests()) {
            s.disk(k).ifPresent(d -> t.row(k.title(), d.baseWhat(), Sizes.human(d.baseBytes()), d.instanceWhat(),
                    Sizes.human(d.instanceBytes())));
        }
        return t;
    }

    static Table overhead(CompareSummary s) { return overhead(s, BAR); }

    static Table overhead(CompareSummary s, int bar) {
        Table t = new Table("benchmark", "kind", "median", "% of host", "", "note");
        for (Benchmark b : Benchmark.values()) {
            for (Subject k : s.benchSubjects()) {
                s.bench(k, b).ifPresent(st -> {
                    Optional<Double> p = s.percentOfHost(k, b);
                    t.row(b.label(), k.title(), Fmt.num(st.median()) + " " + b.unit(), p.map(Fmt::pct).orElse("-"),
                            p.map(v -> Fmt.bar(v, Math.max(100, v), bar)).orElse(""), s.benchNote(k, b));
                });
            }
        }
        return t;
    }

    static Table isolation(CompareSummary s) {
        List<IsolationTable.Row> rows = s.isolationRows();
        if (rows.isEmpty()) {
            return new Table("probe");
        }
        List<Subject> cols = new ArrayList<>(rows.get(0).answers().keySet());
        String[] header = new String[cols.size() + 1];
        header[0] = "probe";
        for (int i = 0; i < cols.size(); i++) {
            header[i + 1] = cols.get(i).title();
        }
        Table t = new Table(header);
        for (IsolationTable.Row r : rows) {
            String[] cells = new String[cols.size() + 1];
            cells[0] = r.question();
            for (int i = 0; i < cols.size(); i++) {
                cells[i + 1] = r.answers().getOrDefault(cols.get(i), "?");
            }
            t.row(cells);
        }
        return t;
    }

    static Table density(CompareSummary s) {
        Table t = new Table("kind", "budget", "instances", "per instance", "stopped because");
        for (DensityResult d : s.set().density()) {
            t.row(d.subject().title(), Sizes.human(d.budgetBytes()), Integer.toString(d.instances()),
                    Sizes.human(d.marginalBytes()), d.stoppedBecause());
        }
        return t;
    }

    /** The primers' VM-vs-container table, with this host's figures beside the primers' claims. */
    static Table primers(CompareSummary s) {
        Table t = new Table("Aspect", "Primers: VM", "Primers: Container", "Measured: VM", "Measured: system container",
                "Measured: app container");
        t.row("Boot Speed", "Minutes", "Seconds", ready(s, Subject.VM), ready(s, Subject.SYSTEM_CONTAINER), ready(s, Subject.APP_CONTAINER));
        t.row("Density", "Lower (10s per host)", "Higher (100s-1000s)", density(s, Subject.VM),
                density(s, Subject.SYSTEM_CONTAINER), density(s, Subject.APP_CONTAINER));
        t.row("Image Size", "GB", "MB-hundreds", image(s, Subject.VM), image(s, Subject.SYSTEM_CONTAINER), image(s, Subject.APP_CONTAINER));
        t.row("Isolation", "Hypervisor boundary", "Kernel namespaces / cgroups", isolation(s, Subject.VM),
                isolation(s, Subject.SYSTEM_CONTAINER), isolation(s, Subject.APP_CONTAINER));
        t.row("Custom Kernel Modules", "Yes", "Limited", modules(s, Subject.VM), modules(s, Subject.SYSTEM_CONTAINER),
                modules(s, Subject.APP_CONTAINER));
        t.row("CPU Overhead", "~5-10 % (hypervisor)", "Minimal", cpu(s, Subject.VM), cpu(s, Subject.SYSTEM_CONTAINER),
                cpu(s, Subject.APP_CONTAINER));
        return t;
    }

    private static String ready(CompareSummary s, Subject k) {
        return s.boot(k, Phase.READY).map(st -> Fmt.seconds(st.median()) + " (median, n=" + st.n() + ")").orElse("not measured");
    }

    private static String density(CompareSummary s, Subject k) {
        Optional<DensityResult> d = s.density(k);
        if (d.isPresent()) {
            return d.get().instances() + " in " + Sizes.human(d.get().budgetBytes());
        }
        // without a sweep: what the measured idle cost implies, clearly labelled as a projection
        return s.memory(k, CompareSummary.MemoryMetric.HOST_COST)
                .filter(st -> st.median() > 0)
                .map(st -> "~" + (long) Math.floor(s.set().meta().hostMemoryBytes() / CompareSummary.MB / st.median())
                        + " per host by idle memory (projected)")
                .orElse("not measured");
    }

    private static String image(CompareSummary s, Subject k) {
        return s.disk(k).map(d -> Sizes.human(d.baseBytes()) + " + " + Sizes.human(d.instanceBytes()) + " per instance")
                .orElse("not measured");
    }

    private static String isolation(CompareSummary s, Subject k) {
        Optional<String> own = s.isolationAnswer("own_kernel", k);
        if (own.isEmpty()) {
            return "not measured";
        }
        StringBuilder b = new StringBuilder("yes".equals(own.get()) ? "own kernel" : "host kernel");
        s.isolation(k).ifPresent(r -> b.append(" ").append(r.kernel()));
        s.isolationAnswer("host_pids_visible", k).ifPresent(v -> b.append("; host PIDs visible: ").append(v));
        s.isolationAnswer("capabilities", k).ifPresent(v -> b.append("; caps ").append(v));
        s.isolation(k).ifPresent(r -> b.append("; seccomp ").append(r.seccompLabel()));
        return b.toString();
    }

    private static String modules(CompareSummary s, Subject k) {
        return s.isolationAnswer("load_kernel_modules", k).map(v -> v.startsWith("yes")
                ? ("yes".equals(s.isolationAnswer("own_kernel", k).orElse("")) ? "yes, into its own kernel" : v)
                : "no (CAP_SYS_MODULE absent or modules disabled)").orElse("not measured");
    }

    private static String cpu(CompareSummary s, Subject k) {
        return s.percentOfHost(k, Benchmark.CPU).map(p -> (p <= 100 ? Fmt.pct(100 - p) + " slower" : Fmt.pct(p - 100) + " faster")
                        + " than host (" + Fmt.pct(p) + " of host)")
                .orElse("not measured");
    }

}
