package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.bench.BenchResult;
import dev.hyperlab.core.compare.bench.BenchmarkRunner;
import dev.hyperlab.core.compare.bench.ClockCheck;
import dev.hyperlab.core.compare.isolation.IsolationProbe;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a comparison has recorded so far, and the measuring both {@link CompareRunner} and
 * {@link SideBySideRun} do the same way: the bare host's probe and benchmarks, and one guest's memory,
 * disk, isolation and benchmarks. {@link #set} makes the {@link MeasurementSet} the reports render.
 */
final class Recorder {
    static final Duration PROBE_TIMEOUT = Duration.ofMinutes(2);

    final List<BootTrial> boots = new ArrayList<>();
    final List<MemoryLedger> memory = new ArrayList<>();
    final List<DiskUsage> disk = new ArrayList<>();
    final List<BenchResult> bench = new ArrayList<>();
    final List<IsolationReport> isolation = new ArrayList<>();
    final List<ClockCheck> clocks = new ArrayList<>();
    final List<DensityResult> density = new ArrayList<>();
    Optional<VmLeverResult> vmLevers = Optional.empty();

    /** The bare host's isolation probe, then its benchmarks {@code runs} times (none without a runner). */
    void host(GuestExec hostExec, BenchmarkRunner runner, int runs, java.util.function.Consumer<String> step) {
        step.accept("probing the bare host");
        isolation.add(IsolationProbe.run(Subject.HOST, hostExec, PROBE_TIMEOUT));
        if (runner == null) {
            return;
        }
        for (int r = 1; r <= runs; r++) {
            step.accept(runs == 1 ? "benchmarks on the bare host" : "benchmarks on the bare host, run " + r + "/" + runs);
            bench.addAll(runner.runAll(Subject.HOST, hostExec, r));
        }
    }

    /** One guest's benchmarks and the clock check that came with them. */
    void benchmarks(BenchmarkRunner runner, Subject kind, GuestExec exec, int run) {
        BenchmarkRunner.Results res = runner.runChecked(kind, exec, run);
        bench.addAll(res.results());
        res.clock().ifPresent(clocks::add);
    }

    MeasurementSet set(ReportMeta meta) {
        return new MeasurementSet(meta.withLoad(meta.loadStart(), HostSpecs.loadAverage()), boots, memory, disk, bench,
                isolation, density, clocks, vmLevers);
    }
}
