package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.bench.BenchResult;
import dev.hyperlab.core.compare.bench.BenchmarkRunner;
import dev.hyperlab.core.compare.bench.ClockCheck;
import dev.hyperlab.core.compare.isolation.IsolationProbe;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.model.Subject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The comparison: host baseline, then for each run each kind in turn (one at a time, so guests do
 * not steal each other's CPU while booting): launch, time the boot, read memory, probe isolation
 * and disk (first run), run the benchmarks, remove. Optionally a density sweep. Everything it makes
 * is removed when it returns, throws, or the JVM is interrupted.
 */
public final class CompareRunner {
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(2);
    private final GuestLab lab;
    private final SideBySideRun.Host host;
    private final Clock clock;

    public CompareRunner(GuestLab lab, SideBySideRun.Host host, Clock clock) {
        this.lab = lab;
        this.host = host;
        this.clock = clock;
    }

    public MeasurementSet run(CompareOptions o, List<Subject> kinds, CompareListener listener) {
        AcceleratorDecision accel = host.accelerator().get();
        ReportMeta meta = ReportMeta.starting(clock.instant(), accel, host.specs().get(), lab.versions(), o.runs(), o);
        listener.meta(meta);
        String session = UUID.randomUUID().toString().substring(0, 6);

        List<BootTrial> boots = new ArrayList<>();
        List<MemoryLedger> memory = new ArrayList<>();
        List<DiskUsage> disk = new ArrayList<>();
        List<BenchResult> bench = new ArrayList<>();
        List<IsolationReport> isolation = new ArrayList<>();
        List<ClockCheck> clocks = new ArrayList<>();
        List<DensityResult> density = new ArrayList<>();

        listener.step("probing the bare host");
        GuestExec hostExec = host.exec();
        isolation.add(IsolationProbe.run(Subject.HOST, hostExec, PROBE_TIMEOUT));
        BenchmarkRunner runner = o.benchmarks() ? new BenchmarkRunner(o.plan(), benchTimeout(o)) : null;
        if (runner != null) {
            for (int r = 1; r <= o.runs(); r++) {
                listener.step("benchmarks on the bare host, run " + r + "/" + o.runs());
                bench.addAll(runner.runAll(Subject.HOST, hostExec, r));
            }
        }

        lab.prepare(kinds, o, listener::step);
        Cleanup cleanup = new Cleanup(lab);
        try (cleanup) {
            for (int r = 1; r <= o.runs(); r++) {
                for (Subject kind : kinds) {
                    int run = r;
                    String name = "hlc-" + session + "-" + kind.label() + "-" + r;
                    listener.step("run " + r + "/" + o.runs() + ": starting " + kind.title() + " " + name);
                    LaunchedGuest g = cleanup.launch(kind, name, o, t -> listener.boot(kind, run, t));
                    boots.add(new BootTrial(kind, r, g.timeline()));
                    memory.add(lab.memory(g, r));
                    GuestExec exec = lab.exec(g);
                    if (r == 1) {
                        disk.add(lab.disk(g));
                        isolation.add(IsolationProbe.run(kind, exec, PROBE_TIMEOUT));
                    }
                    if (runner != null) {
                        listener.step("run " + r + "/" + o.runs() + ": benchmarks in " + kind.title());
                        BenchmarkRunner.Results res = runner.runChecked(kind, exec, r);
                        bench.addAll(res.results());
                        res.clock().ifPresent(clocks::add);
                    }
                    listener.step("run " + r + "/" + o.runs() + ": removing " + name);
                    cleanup.remove(g);
                }
            }
            if (o.density()) {
                for (Subject kind : kinds) {
                    density.add(new DensitySweep(lab, cleanup, listener).sweep(kind, o, session));
                }
            }
        }
        if (!cleanup.failures().isEmpty()) {
            listener.step("WARNING: could not remove " + cleanup.failures() + "; run hyperlab gc");
        }
        return new MeasurementSet(meta.withLoad(meta.loadStart(), HostSpecs.loadAverage()), boots, memory, disk, bench, isolation, density, clocks);
    }

    /** Under TCG a VM runs the same command many times slower, and the agent adds latency. */
    static Duration benchTimeout(CompareOptions o) {
        return Duration.ofSeconds(Math.max(120, o.plan().seconds() * 30L));
    }
}
