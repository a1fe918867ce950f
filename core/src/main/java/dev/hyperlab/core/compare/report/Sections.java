package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.compare.DensityCheckpoint;
import dev.hyperlab.core.compare.DensityResult;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.bench.Benchmark;
import dev.hyperlab.core.compare.bench.ClockCheck;
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
        if (!Double.isNaN(m.loadPerCpu())) {
            String load = "Host load (1-min average): " + loadText(m.loadStart()) + " at start, " + loadText(m.loadEnd())
                    + " at end, on " + m.hostCpus() + " CPUs";
            if (m.loadPerCpu() > ReportMeta.BUSY_LOAD_PER_CPU) {
                load += " - the host was busy with other work: every figure, CPU ones most, moved with it";
            }
            l.add(load);
        }
        return l;
    }

    private static String loadText(double load) {
        return Double.isNaN(load) ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", load);
    }

    /** What to read the memory table with: what the columns mean, and where a VM's QEMU memory goes. */
    static List<String> memoryNotes(CompareSummary s) {
        List<String> out = new ArrayList<>();
        if (s.memorySubjects().isEmpty()) {
            return out;
        }
        out.add(MEMORY_NOTE);
        Optional<Stats> rss = s.memory(Subject.VM, CompareSummary.MemoryMetric.QEMU_RSS);
        Optional<Stats> pss = s.memory(Subject.VM, CompareSummary.MemoryMetric.QEMU_PSS);
        Optional<Stats> ram = s.memory(Subject.VM, CompareSummary.MemoryMetric.QEMU_GUEST_RAM);
        Optional<Stats> tcg = s.memory(Subject.VM, CompareSummary.MemoryMetric.QEMU_TCG_CACHE);
        if (rss.isPresent() && ram.isPresent() && tcg.isPresent()) {
            double own = Math.max(0, rss.get().median() - ram.get().median() - tcg.get().median());
            String line = "Where the VM's memory goes (QEMU's resident set, median): " + Fmt.mb(ram.get().median())
                    + " of guest RAM the guest has touched, " + Fmt.mb(tcg.get().median()) + " of TCG translated-code "
                    + "cache, " + Fmt.mb(own) + " QEMU itself.";
            if (tcg.get().median() > 0) {
                line += " The code cache is an emulation cost (a KVM VM has none): without it this VM's host cost would "
                        + "be about " + Fmt.mb(Math.max(0, pss.map(Stats::median).orElse(rss.get().median())
                        - tcg.get().median())) + ".";
            }
            out.add(line);
        }
        return out;
    }

    /** What to read the overhead table with: how few samples, and each VM clock check. */
    static List<String> overheadNotes(CompareSummary s) {
        List<String> out = new ArrayList<>();
        if (s.benchSubjects().isEmpty()) {
            return out;
        }
        int n = s.set().meta().runs();
        if (n < 3) {
            out.add("N = " + n + ": each figure is " + (n == 1 ? "a single sample" : "the median of " + n + " samples")
                    + "; on a host doing other work, differences of 10-30 % between the host and a container are noise, "
                    + "not overhead (try --runs 5 on an idle host).");
        }
        List<ClockCheck> kept = s.set().clockChecks().stream().filter(c -> !c.rescaled()).toList();
        if (!kept.isEmpty()) {
            double lo = kept.stream().mapToDouble(ClockCheck::rate).min().orElseThrow();
            double hi = kept.stream().mapToDouble(ClockCheck::rate).max().orElseThrow();
            double unc = kept.stream().mapToDouble(ClockCheck::uncertainty).max().orElseThrow();
            out.add(String.format(java.util.Locale.ROOT, "No figure rests on a guest clock unchecked: sysbench and fio time "
                    + "themselves, so the VM's clock was read before and after its benchmarks and compared with the "
                    + "host's; it ran at %s the host's rate (+-%.3f, %d run%s): within %d %%, figures kept as measured.",
                    lo == hi ? String.format(java.util.Locale.ROOT, "%.3fx", lo)
                            : String.format(java.util.Locale.ROOT, "%.3f-%.3fx", lo, hi),
                    unc, kept.size(), kept.size() == 1 ? "" : "s", Math.round(ClockCheck.TOLERANCE * 100)));
        }
        for (ClockCheck c : s.set().clockChecks()) {
            if (c.rescaled()) {
                out.add(String.format(java.util.Locale.ROOT, "The %s's clock (run %d) advanced %.1f s while the host's "
                        + "advanced %.1f s = %.3fx (+-%.3f): its figures were converted to per host second.",
                        c.subject().title(), c.run(), c.guestSeconds(), c.hostSeconds(), c.rate(), c.uncertainty()));
            }
        }
        return out;
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
        Table t = new Table("kind", "host cost", "QEMU RSS", "QEMU PSS", "cgroup", "monitor", "guest used",
                "workload", "overhead", "");
        for (Subject k : s.memorySubjects()) {
            double cost = s.memory(k, CompareSummary.MemoryMetric.HOST_COST).map(Stats::median).orElse(0.0);
            boolean hostView = s.set().memory().stream().anyMatch(l -> l.subject() == k && l.guestViewIsHost());
            String used = hostView ? "n/a (host's)" : mem(s, k, CompareSummary.MemoryMetric.GUEST_USED);
            t.row(k.title(), mem(s, k, CompareSummary.MemoryMetric.HOST_COST), mem(s, k, CompareSummary.MemoryMetric.QEMU_RSS),
                    mem(s, k, CompareSummary.MemoryMetric.QEMU_PSS), mem(s, k, CompareSummary.MemoryMetric.CGROUP),
                    mem(s, k, CompareSummary.MemoryMetric.MONITOR_PSS), used, mem(s, k, CompareSummary.MemoryMetric.WORKLOAD),
                    mem(s, k, CompareSummary.MemoryMetric.OVERHEAD), Fmt.bar(cost, max, bar));
        }
        return t;
    }

    /** What the memory columns mean, for the reports' text under the table. */
    static final String MEMORY_NOTE = "Read once cloud-init has finished in the VM and the system container. "
            + "host cost = the VM's QEMU process PSS, or the container's cgroup memory without "
            + "page cache plus the PSS of its engine monitor process (conmon); guest used = MemTotal - MemAvailable "
            + "inside the guest (n/a for a container: its /proc/meminfo is the host's); workload = guest used, or for "
            + "such a container its cgroup's anonymous memory; overhead = host cost - workload. A VM's overhead includes its guest kernel's page cache "
            + "and, under TCG, QEMU's translated-code cache.";

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

    /**
     * The overhead in the shape of Felter et al. (IBM, 2015): one row per benchmark, the bare host's figure,
     * then each kind as a percentage of it.
     */
    static Table overheadPivot(CompareSummary s) {
        List<Subject> guests = new ArrayList<>();
        for (Subject k : List.of(Subject.APP_CONTAINER, Subject.SYSTEM_CONTAINER, Subject.VM, Subject.VM_CLONE)) {
            if (s.benchSubjects().contains(k)) {
                guests.add(k);
            }
        }
        if (!s.benchSubjects().contains(Subject.HOST) || guests.isEmpty()) {
            return new Table("benchmark");
        }
        String[] header = new String[guests.size() + 2];
        header[0] = "benchmark";
        header[1] = "bare host";
        for (int i = 0; i < guests.size(); i++) {
            header[i + 2] = guests.get(i).title() + tcg(s, guests.get(i)).replace(", under TCG emulation", " (TCG)");
        }
        Table t = new Table(header);
        for (Benchmark b : Benchmark.values()) {
            Optional<Stats> host = s.bench(Subject.HOST, b);
            if (host.isEmpty()) {
                continue;
            }
            String[] row = new String[guests.size() + 2];
            row[0] = b.label() + " (" + b.unit() + ")";
            row[1] = Fmt.num(host.get().median());
            for (int i = 0; i < guests.size(); i++) {
                row[i + 2] = s.percentOfHost(guests.get(i), b).map(Fmt::pct).orElse("-");
            }
            t.row(row);
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

    /** One row per checkpoint of each kind's sweep: the count running, and what they cost. */
    static Table density(CompareSummary s) {
        Table t = new Table("kind", "running", "host cost of all", "per instance", "marginal", "MemAvailable drop",
                "drop per instance", "after");
        for (DensityResult d : s.set().density()) {
            DensityCheckpoint previous = null;
            for (DensityCheckpoint c : d.checkpoints()) {
                t.row(d.subject().title(), Integer.toString(c.instances()), Sizes.human(c.hostCostBytes()),
                        Sizes.human(c.perInstanceBytes()), signed(c.marginalBytesSince(previous)),
                        signed(c.memAvailableDropBytes()), signed(c.memAvailableDropBytes() / c.instances()),
                        Fmt.seconds(c.elapsed().toMillis()));
                previous = c;
            }
            if (d.checkpoints().isEmpty()) {
                t.row(d.subject().title(), "0", "", "", "", "", "", "");
            }
        }
        return t;
    }

    private static String signed(long bytes) {
        return bytes < 0 ? "-" + Sizes.human(-bytes) : Sizes.human(bytes);
    }

    /** Under the density table: each sweep's measured count, why it stopped, and a projection only where labelled one. */
    static List<String> densityNotes(CompareSummary s) {
        List<String> out = new ArrayList<>();
        if (s.set().density().isEmpty()) {
            return out;
        }
        out.add("Density: instances started one after another and kept running together, in a "
                + Sizes.human(s.set().density().get(0).budgetBytes()) + " budget; host cost = the sum of each one's "
                + "host-side cost (as in the memory table), MemAvailable drop = the host's own view, which also counts "
                + "kernel memory and whatever else ran on the host meanwhile.");
        for (DensityResult d : s.set().density()) {
            StringBuilder b = new StringBuilder(d.subject().title()).append(": ").append(d.instances())
                    .append(" running at once (measured), stopped: ").append(d.stoppedBecause()).append(". Sweep ")
                    .append(Fmt.seconds(d.took().toMillis())).append(", removal ").append(Fmt.seconds(d.removal().toMillis()))
                    .append('.');
            d.projectedInstances().ifPresent(p -> b.append(" Projected, not measured: ~").append(p)
                    .append(" would fit in the budget at ").append(Sizes.human(d.marginalBytes())).append(" each."));
            out.add(b.toString());
        }
        return out;
    }

    /** The primers' VM-vs-container table, with this host's figures beside the primers' claims. */
    static Table primers(CompareSummary s) {
        Table t = new Table("Aspect", "Primers: VM", "Primers: Container", "Measured: VM", "Measured: system container",
                "Measured: app container");
        t.row("Boot Speed", "Minutes", "Seconds", ready(s, Subject.VM), ready(s, Subject.SYSTEM_CONTAINER), ready(s, Subject.APP_CONTAINER));
        t.row("Density", "Lower (10s per host)", "Higher (100s-1000s)", VmLeverSections.densityCell(s, density(s, Subject.VM)),
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
        return s.boot(k, Phase.READY).map(st -> Fmt.seconds(st.median()) + " (median, n=" + st.n() + ")" + tcg(s, k))
                .orElse("not measured");
    }

    /** Marks VM figures that are emulation figures. */
    private static String tcg(CompareSummary s, Subject k) {
        return k.isVm() && !s.set().meta().disclaimer().isEmpty() ? ", under TCG emulation" : "";
    }

    private static String density(CompareSummary s, Subject k) {
        Optional<DensityResult> d = s.density(k);
        if (d.isPresent()) {
            DensityResult r = d.get();
            String measured = r.instances() + " running at once (measured"
                    + (r.instances() > 0 ? ", " + Sizes.human(r.usedBytes() / r.instances()) + " each" : "") + "; stopped: "
                    + r.stop().label() + ")";
            return r.projectedInstances().isPresent()
                    ? measured + "; ~" + r.projectedInstances().getAsLong() + " in the " + Sizes.human(r.budgetBytes())
                            + " budget (projected)"
                    : measured;
        }
        // without a sweep: what the measured idle cost implies, clearly labelled as a projection
        return s.memory(k, CompareSummary.MemoryMetric.HOST_COST)
                .filter(st -> st.median() > 0)
                .map(st -> "~" + (long) Math.floor(s.set().meta().hostMemoryBytes() / CompareSummary.MB / st.median())
                        + " in " + Sizes.human(s.set().meta().hostMemoryBytes()) + " at " + Fmt.mb(st.median())
                        + " idle each (projected; --density measures it)")
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
                        + " than host (" + Fmt.pct(p) + " of host" + tcg(s, k) + ")" + noise(s, p))
                .orElse("not measured");
    }

    /** A difference from the host this small, from this few samples or on a busy host, says nothing. */
    private static String noise(CompareSummary s, double pctOfHost) {
        ReportMeta m = s.set().meta();
        boolean few = m.runs() < 3;
        boolean busy = m.loadPerCpu() > ReportMeta.BUSY_LOAD_PER_CPU;
        if (Math.abs(pctOfHost - 100) > 30 || (!few && !busy)) {
            return "";
        }
        return "; within the noise of " + (few ? "N = " + m.runs() : "") + (few && busy ? " on " : "")
                + (busy ? "a busy host" : "");
    }

}
