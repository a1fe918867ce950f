package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.bench.BenchmarkRunner;
import dev.hyperlab.core.compare.isolation.IsolationProbe;
import dev.hyperlab.core.compare.memory.KsmControl;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.model.Subject;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The comparison: host baseline, then for each run each kind in turn (one at a time, so guests do
 * not steal each other's CPU while booting): launch, time the boot, read memory, probe isolation
 * and disk (first run), run the benchmarks, remove. Optionally a density sweep and the VM levers
 * ({@link VmLevers}). Everything it makes
 * is removed when it returns, throws, or the JVM is interrupted.
 */
public final class CompareRunner {
    private final GuestLab lab;
    private final SideBySideRun.Host host;
    private final Clock clock;
    private final Path ksmDir;
    private final Pause pause;

    public CompareRunner(GuestLab lab, SideBySideRun.Host host, Clock clock) {
        this(lab, host, clock, KsmControl.SYSFS, Pause.SLEEP);
    }

    /** @param ksmDir where the host's KSM settings are (tests: a directory of their own) */
    public CompareRunner(GuestLab lab, SideBySideRun.Host host, Clock clock, Path ksmDir, Pause pause) {
        this.lab = lab;
        this.host = host;
        this.clock = clock;
        this.ksmDir = ksmDir;
        this.pause = pause;
    }

    public MeasurementSet run(CompareOptions o, List<Subject> kinds, CompareListener listener) {
        return run(o, kinds, Optional.empty(), listener);
    }

    /** @param levers what {@link VmLevers} measures after the trials (and the density sweeps); empty = nothing */
    public MeasurementSet run(CompareOptions o, List<Subject> kinds, Optional<VmLeverPlan> levers,
                              CompareListener listener) {
        AcceleratorDecision accel = host.accelerator().get();
        ReportMeta meta = ReportMeta.starting(clock.instant(), accel, host.specs().get(), lab.versions(), o.runs(), o);
        listener.meta(meta);
        String session = UUID.randomUUID().toString().substring(0, 6);
        Recorder rec = new Recorder();
        GuestExec hostExec = host.exec();
        BenchmarkRunner runner = o.benchmarks() ? new BenchmarkRunner(o.plan(), benchTimeout(o)) : null;
        rec.host(hostExec, runner, o.runs(), listener::step);

        lab.prepare(kinds, o, listener::step);
        Cleanup cleanup = new Cleanup(lab);
        try (cleanup) {
            for (int r = 1; r <= o.runs(); r++) {
                for (Subject kind : kinds) {
                    int run = r;
                    String name = "hlc-" + session + "-" + kind.label() + "-" + r;
                    listener.step("run " + r + "/" + o.runs() + ": starting " + kind.title() + " " + name);
                    LaunchedGuest g = cleanup.launch(kind, name, o, t -> listener.boot(kind, run, t));
                    rec.boots.add(new BootTrial(kind, r, g.timeline()));
                    rec.memory.add(lab.memory(g, r));
                    GuestExec exec = lab.exec(g);
                    if (r == 1) {
                        rec.disk.add(lab.disk(g));
                        rec.isolation.add(IsolationProbe.run(kind, exec, Recorder.PROBE_TIMEOUT));
                    }
                    if (runner != null) {
                        listener.step("run " + r + "/" + o.runs() + ": benchmarks in " + kind.title());
                        rec.benchmarks(runner, kind, exec, r);
                    }
                    listener.step("run " + r + "/" + o.runs() + ": removing " + name);
                    cleanup.remove(g);
                }
            }
            if (o.density()) {
                for (Subject kind : kinds) {
                    rec.density.add(new DensitySweep(lab, cleanup, listener).sweep(kind, o, session));
                }
            }
            if (levers.isPresent()) {
                rec.vmLevers = Optional.of(new VmLevers(lab, cleanup, listener, ksmDir, pause)
                        .measure(levers.get(), o, session, accel.accelerator() == dev.hyperlab.core.host.Accelerator.TCG));
            }
        }
        if (!cleanup.failures().isEmpty()) {
            listener.step("WARNING: could not remove " + cleanup.failures() + "; run hyperlab gc");
        }
        return rec.set(meta);
    }

    /** Under TCG a VM runs the same command many times slower, and the agent adds latency. */
    static Duration benchTimeout(CompareOptions o) {
        return Duration.ofSeconds(Math.max(120, o.plan().seconds() * 30L));
    }
}
