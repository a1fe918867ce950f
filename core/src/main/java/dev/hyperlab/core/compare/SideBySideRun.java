package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.bench.BenchmarkRunner;
import dev.hyperlab.core.compare.isolation.IsolationProbe;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.model.Subject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The side-by-side comparison behind {@code hyperlab demo} and the TUI's compare view: guests of
 * several kinds (a VM and a system container by default) started at the same moment from the same
 * image and cloud-init ({@link BootRace}), then measured the way {@link CompareRunner} measures them
 * (memory, disk, isolation, and with a benchmark plan the micro-benchmarks against the bare host),
 * and removed. One trial per kind: the figures are single samples, not medians of N.
 *
 * <p>{@link #cancel} may be called from any thread: everything made or being made is removed, and
 * {@link #run} then throws.
 */
public final class SideBySideRun {
    public static final List<Subject> RACERS = List.of(Subject.VM, Subject.VM_CLONE, Subject.SYSTEM_CONTAINER);

    /** What a run needs from the host besides the lab; {@code Wiring.compareHost()} on a real host, doubles in tests. */
    public record Host(GuestExec exec, Supplier<AcceleratorDecision> accelerator, Supplier<HostSpecs> specs) {}

    private final GuestLab lab;
    private final Host host;
    private final Clock clock;
    private volatile boolean cancelled;
    private volatile Cleanup cleanup;

    public SideBySideRun(GuestLab lab, Host host, Clock clock) {
        this.lab = lab;
        this.host = host;
        this.clock = clock;
    }

    public MeasurementSet run(CompareOptions o, List<Subject> racers, CompareListener listener) {
        if (racers.isEmpty() || racers.contains(Subject.HOST)) {
            throw new IllegalArgumentException("racers must be guest kinds: " + racers);
        }
        AcceleratorDecision accel = host.accelerator().get();
        HostSpecs specs = host.specs().get();
        ReportMeta meta = ReportMeta.starting(clock.instant(), accel, specs, lab.versions(), 1, o);
        listener.meta(meta);
        String session = UUID.randomUUID().toString().substring(0, 6);
        Recorder rec = new Recorder();
        BenchmarkRunner runner = o.benchmarks() ? new BenchmarkRunner(o.plan(), CompareRunner.benchTimeout(o)) : null;
        rec.host(host.exec(), runner, 1, what -> step(listener, what));
        try (Cleanup c = new Cleanup(lab)) {
            cleanup = c;
            if (cancelled) { // cancel() ran before the cleanup existed: it could not stop it
                c.cancel();
            }
            lab.prepare(racers, o, what -> step(listener, what));
            step(listener, "starting " + titles(racers) + " from " + o.image() + " at the same moment");
            Map<Subject, LaunchedGuest> guests = BootRace.run(lab, c, racers, o, session, listener);
            for (Subject k : racers) {
                LaunchedGuest g = guests.get(k);
                rec.boots.add(new BootTrial(k, 1, g.timeline()));
                step(listener, "reading the memory of the " + k.title());
                rec.memory.add(lab.memory(g, 1));
                rec.disk.add(lab.disk(g));
                GuestExec exec = lab.exec(g);
                step(listener, "isolation probe in the " + k.title());
                rec.isolation.add(IsolationProbe.run(k, exec, Recorder.PROBE_TIMEOUT));
                if (runner != null) {
                    step(listener, "benchmarks in the " + k.title());
                    rec.benchmarks(runner, k, exec, 1);
                }
            }
            step(listener, "removing the " + titles(racers));
        } catch (RuntimeException e) {
            if (cancelled) {
                throw cancelledError(e);
            }
            throw e;
        }
        if (!cleanup.failures().isEmpty()) {
            listener.step("WARNING: could not remove " + cleanup.failures() + "; run hyperlab gc");
        }
        return rec.set(meta);
    }

    /**
     * Stops the run from another thread and removes every guest it made or is making. Blocks while
     * removing (seconds: a forced power-off and undefine, a container removal); call it off any UI thread.
     */
    public void cancel() {
        cancelled = true;
        Cleanup c = cleanup;
        if (c != null) {
            c.cancel();
        }
    }

    /** What a cancel could not remove (also reported as a step); empty before a run. */
    public List<String> cleanupFailures() {
        Cleanup c = cleanup;
        return c == null ? List.of() : c.failures();
    }

    private void step(CompareListener listener, String message) {
        if (cancelled) {
            throw cancelledError(null);
        }
        listener.step(message);
    }

    private static HyperlabException cancelledError(Throwable cause) {
        return new HyperlabException(ErrorCode.OPERATION_FAILED, "compare was cancelled",
                null, cause);
    }

    private static String titles(List<Subject> racers) {
        List<String> t = new ArrayList<>();
        racers.forEach(k -> t.add(k.title()));
        return String.join(" and ", t);
    }
}
