package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.compare.BootTrial;
import dev.hyperlab.core.compare.DensityResult;
import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.bench.BenchResult;
import dev.hyperlab.core.compare.bench.Benchmark;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.compare.isolation.IsolationTable;
import dev.hyperlab.core.compare.stats.Stats;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** The aggregates every report prints, computed once from a {@link MeasurementSet}. */
public final class CompareSummary {
    public static final double MB = 1024.0 * 1024.0;

    /** Memory figures in the ledger, by stable name (JSON/CSV "metric"). */
    public enum MemoryMetric {
        HOST_COST("hostCostMb", MemoryLedger::hostCostBytes),
        QEMU_RSS("qemuRssMb", MemoryLedger::qemuRssBytes),
        QEMU_PSS("qemuPssMb", MemoryLedger::qemuPssBytes),
        QEMU_GUEST_RAM("qemuGuestRamMb", MemoryLedger::qemuGuestRamBytes),
        QEMU_TCG_CACHE("qemuTcgCacheMb", MemoryLedger::qemuTcgCacheBytes),
        CGROUP("cgroupMb", MemoryLedger::cgroupBytes),
        MONITOR_PSS("monitorPssMb", MemoryLedger::monitorPssBytes),
        GUEST_USED("guestUsedMb", MemoryLedger::guestUsedBytes),
        WORKLOAD("workloadMb", MemoryLedger::workloadBytes),
        OVERHEAD("overheadMb", MemoryLedger::overheadBytes);

        private final String field;
        private final Function<MemoryLedger, OptionalLong> get;

        MemoryMetric(String field, Function<MemoryLedger, OptionalLong> get) {
            this.field = field;
            this.get = get;
        }

        public String field() { return field; }

        public OptionalLong of(MemoryLedger l) { return get.apply(l); }
    }

    private final MeasurementSet set;
    private final Map<Subject, Map<Phase, Stats>> boot = new EnumMap<>(Subject.class);
    private final Map<Subject, Map<MemoryMetric, Stats>> memory = new EnumMap<>(Subject.class);
    private final Map<Subject, Map<Benchmark, Stats>> bench = new EnumMap<>(Subject.class);
    private final Map<Subject, Map<Benchmark, String>> benchNotes = new EnumMap<>(Subject.class);

    public CompareSummary(MeasurementSet set) {
        this.set = set;
        for (Subject s : Subject.values()) {
            Map<Phase, Stats> phases = new EnumMap<>(Phase.class);
            for (Phase p : Phase.values()) {
                List<Duration> ds = new ArrayList<>();
                for (BootTrial t : set.boots()) {
                    if (t.subject() == s) {
                        t.timeline().at(p).ifPresent(ds::add);
                    }
                }
                if (!ds.isEmpty()) {
                    phases.put(p, Stats.ofDurationsMillis(ds));
                }
            }
            if (!phases.isEmpty()) {
                boot.put(s, phases);
            }
            Map<MemoryMetric, Stats> mem = new EnumMap<>(MemoryMetric.class);
            for (MemoryMetric m : MemoryMetric.values()) {
                List<Double> mbs = new ArrayList<>();
                for (MemoryLedger l : set.memory()) {
                    if (l.subject() == s) {
                        m.of(l).ifPresent(v -> mbs.add(v / MB));
                    }
                }
                if (!mbs.isEmpty()) {
                    mem.put(m, Stats.of(mbs));
                }
            }
            if (!mem.isEmpty()) {
                memory.put(s, mem);
            }
            Map<Benchmark, Stats> b = new EnumMap<>(Benchmark.class);
            Map<Benchmark, String> notes = new EnumMap<>(Benchmark.class);
            for (Benchmark k : Benchmark.values()) {
                List<Double> vs = new ArrayList<>();
                for (BenchResult r : set.benchmarks()) {
                    if (r.subject() == s && r.benchmark() == k) {
                        vs.add(r.value());
                        if (!r.note().isEmpty()) {
                            notes.put(k, r.note());
                        }
                    }
                }
                if (!vs.isEmpty()) {
                    b.put(k, Stats.of(vs));
                }
            }
            if (!b.isEmpty()) {
                bench.put(s, b);
                benchNotes.put(s, notes);
            }
        }
    }

    public MeasurementSet set() { return set; }

    /** Subjects with boot trials, in enum order. */
    public List<Subject> bootSubjects() { return List.copyOf(boot.keySet()); }

    public Optional<Stats> boot(Subject s, Phase p) {
        return Optional.ofNullable(boot.getOrDefault(s, Map.of()).get(p));
    }

    public List<Subject> memorySubjects() { return List.copyOf(memory.keySet()); }

    public Optional<Stats> memory(Subject s, MemoryMetric m) {
        return Optional.ofNullable(memory.getOrDefault(s, Map.of()).get(m));
    }

    public List<Subject> benchSubjects() { return List.copyOf(bench.keySet()); }

    public Optional<Stats> bench(Subject s, Benchmark b) {
        return Optional.ofNullable(bench.getOrDefault(s, Map.of()).get(b));
    }

    public String benchNote(Subject s, Benchmark b) {
        return benchNotes.getOrDefault(s, Map.of()).getOrDefault(b, "");
    }

    /** Median on {@code s} as a percentage of the host's median; empty without a host baseline. */
    public Optional<Double> percentOfHost(Subject s, Benchmark b) {
        Optional<Stats> host = bench(Subject.HOST, b);
        Optional<Stats> mine = bench(s, b);
        if (host.isEmpty() || mine.isEmpty() || host.get().median() <= 0) {
            return Optional.empty();
        }
        return Optional.of(mine.get().median() / host.get().median() * 100.0);
    }

    public Optional<DiskUsage> disk(Subject s) {
        return set.disk().stream().filter(d -> d.subject() == s).findFirst();
    }

    public Optional<DensityResult> density(Subject s) {
        return set.density().stream().filter(d -> d.subject() == s).findFirst();
    }

    public Optional<IsolationReport> isolation(Subject s) {
        return set.isolation().stream().filter(r -> r.subject() == s).findFirst();
    }

    /** The "what each kind can do" table; empty without a host probe to judge against. */
    public List<IsolationTable.Row> isolationRows() {
        Optional<IsolationReport> host = isolation(Subject.HOST);
        if (host.isEmpty()) {
            return List.of();
        }
        List<IsolationReport> guests = new ArrayList<>();
        for (Subject s : Subject.guests()) {
            isolation(s).ifPresent(guests::add);
        }
        return IsolationTable.of(host.get(), guests);
    }

    public Optional<String> isolationAnswer(String key, Subject s) {
        return isolationRows().stream().filter(r -> r.key().equals(key)).findFirst()
                .map(r -> r.answers().get(s));
    }

    /** Subjects that appear anywhere in the set, host first. */
    public List<Subject> subjects() {
        Map<Subject, Boolean> seen = new LinkedHashMap<>();
        for (Subject s : Subject.values()) {
            if (boot.containsKey(s) || memory.containsKey(s) || bench.containsKey(s) || disk(s).isPresent()
                    || isolation(s).isPresent() || density(s).isPresent()) {
                seen.put(s, true);
            }
        }
        return List.copyOf(seen.keySet());
    }
}
