package dev.hyperlab.tui.compare;

import dev.hyperlab.core.compare.CompareListener;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.bench.BenchmarkPlan;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.images.ProgressText;
import dev.hyperlab.core.error.Failures;
import dev.hyperlab.tui.compare.RaceState.Stage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the compare view's experiment — {@link SideBySideRun}, the same code as {@code hyperlab demo}
 * — on a background thread, one run at a time, and hands every change to {@code sink} as an
 * immutable {@link RaceState} (the session posts it to the GUI thread). It outlives the view.
 *
 * <p>{@link #cancel} removes everything the run made, through the run's {@code Cleanup}, on a
 * thread of its own (removing a VM takes seconds); the run reports CANCELLED only once that removal
 * has finished, with whatever could not be removed.
 */
public final class CompareJob implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompareJob.class.getName());
    private static final int STEPS_KEPT = 6;

    private final CompareBackend backend;
    private final LongSupplier clock;
    private final Consumer<RaceState> sink;
    // guarded by this:
    private RaceState state;
    private SideBySideRun run;
    private boolean cancelRequested;
    private CompletableFuture<Void> cancelling = CompletableFuture.completedFuture(null);
    private Thread worker;

    /**
     * @param clock nanoseconds for the race clock (System::nanoTime; tests drive their own)
     * @param sink  receives each new state, in order, while this job's lock is held: it must only hand it on
     */
    public CompareJob(CompareBackend backend, LongSupplier clock, Consumer<RaceState> sink) {
        this.backend = backend;
        this.clock = clock;
        this.sink = sink;
        this.state = RaceState.idle(true);
    }

    public synchronized RaceState state() { return state; }

    public String image() { return backend.image(); }

    /** Flips the benchmarks for the next run (not the one going on). */
    public synchronized void toggleBenchmarks() {
        if (!state.active()) {
            set(new RaceState(state.stage(), !state.benchmarks(), state.meta(), state.timelines(), state.raceStart(),
                    state.end(), state.steps(), state.result(), state.message()));
        }
    }

    /** Starts a run; false when one is going on. */
    public synchronized boolean start() {
        if (state.active()) {
            return false;
        }
        boolean bench = state.benchmarks();
        cancelRequested = false;
        run = null;
        cancelling = CompletableFuture.completedFuture(null);
        set(new RaceState(Stage.PREPARING, bench, Optional.empty(), Map.of(), OptionalLong.empty(), OptionalLong.empty(),
                List.of("checking the image " + backend.image()), Optional.empty(), ""));
        worker = new Thread(() -> runOnce(bench), "hyperlab-compare");
        worker.setDaemon(true);
        worker.start();
        return true;
    }

    /** Stops the run and removes what it made; returns at once (the removal runs on its own thread). */
    public synchronized void cancel() {
        if (!state.active() || cancelRequested) {
            return;
        }
        cancelRequested = true;
        update(Stage.CANCELLING, "cancelling: removing everything the run made ...");
        SideBySideRun r = run;
        if (r != null) {
            cancelling = CompletableFuture.runAsync(r::cancel, runnable -> {
                Thread t = new Thread(runnable, "hyperlab-compare-cancel");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    private void runOnce(boolean bench) {
        GuestLab lab = null;
        SideBySideRun r = null;
        try {
            backend.prepare(p -> step("image " + backend.image() + ": " + ProgressText.line(p).strip(), true));
            lab = backend.openLab();
            r = new SideBySideRun(lab, backend.host(), Clock.systemUTC());
            synchronized (this) {
                if (cancelRequested) {
                    end(Stage.CANCELLED, "cancelled before any guest was made");
                    return;
                }
                run = r;
                update(Stage.RUNNING, "starting");
            }
            CompareOptions o = new CompareOptions(backend.image(), 1, 1, 1L << 30, bench ? BenchmarkPlan.quick() : null,
                    Duration.ofMinutes(15), 0, 1, 1);
            MeasurementSet set = r.run(o, SideBySideRun.RACERS, new Listener());
            synchronized (this) {
                set(new RaceState(Stage.DONE, state.benchmarks(), state.meta(), state.timelines(), state.raceStart(),
                        OptionalLong.of(clock.getAsLong()), state.steps(), Optional.of(set), "done; the guests were removed"));
            }
        } catch (RuntimeException e) {
            CompletableFuture<Void> removal;
            synchronized (this) {
                removal = cancelRequested ? cancelling : null;
            }
            if (removal != null) {
                removal.join(); // report only once the removal has finished
                List<String> left = r == null ? List.of() : r.cleanupFailures();
                synchronized (this) {
                    end(Stage.CANCELLED, left.isEmpty() ? "cancelled; everything the run made was removed"
                            : "cancelled, but could not remove " + left + "; run hyperlab gc");
                }
            } else {
                LOG.log(Level.INFO, "compare failed", e);
                synchronized (this) {
                    end(Stage.FAILED, Failures.message("compare", e));
                }
            }
        } finally {
            if (lab instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "closing the lab", e);
                }
            }
        }
    }

    /** The run's progress, turned into new states. Called on the runner's and the racers' threads. */
    private final class Listener implements CompareListener {
        @Override public void meta(ReportMeta m) {
            synchronized (CompareJob.this) {
                set(new RaceState(state.stage(), state.benchmarks(), Optional.of(m), state.timelines(), state.raceStart(),
                        OptionalLong.empty(), state.steps(), Optional.empty(), ""));
            }
        }

        @Override public void step(String message) { CompareJob.this.step(message, false); }

        @Override public void raceStarted(List<Subject> kinds) {
            synchronized (CompareJob.this) {
                Map<Subject, BootTimeline> t = new LinkedHashMap<>();
                kinds.forEach(k -> t.put(k, BootTimeline.empty()));
                set(new RaceState(state.stage(), state.benchmarks(), state.meta(), t, OptionalLong.of(clock.getAsLong()),
                        OptionalLong.empty(), state.steps(), Optional.empty(), ""));
            }
        }

        @Override public void boot(Subject kind, int trial, BootTimeline timeline) {
            synchronized (CompareJob.this) {
                Map<Subject, BootTimeline> t = new LinkedHashMap<>(state.timelines());
                t.put(kind, timeline);
                set(new RaceState(state.stage(), state.benchmarks(), state.meta(), t, state.raceStart(), OptionalLong.empty(),
                        state.steps(), Optional.empty(), ""));
            }
        }
    }

    /** Adds a step line; with {@code replaceSimilar}, image progress replaces its previous line instead of piling up. */
    private synchronized void step(String message, boolean replaceSimilar) {
        update(state.stage(), message, replaceSimilar);
    }

    private void update(Stage stage, String step) {
        update(stage, step, false);
    }

    private void update(Stage stage, String step, boolean replaceSimilar) {
        List<String> steps = new ArrayList<>(state.steps());
        String prefix = step.contains(":") ? step.substring(0, step.indexOf(':') + 1) : step;
        if (replaceSimilar && !steps.isEmpty() && steps.get(steps.size() - 1).startsWith(prefix)) {
            steps.set(steps.size() - 1, step);
        } else {
            steps.add(step);
        }
        while (steps.size() > STEPS_KEPT) {
            steps.remove(0);
        }
        // A cancel in progress stays the stage until the run has ended.
        Stage s = state.stage() == Stage.CANCELLING ? Stage.CANCELLING : stage;
        set(new RaceState(s, state.benchmarks(), state.meta(), state.timelines(), state.raceStart(), OptionalLong.empty(),
                steps, state.result(), state.message()));
    }

    private void end(Stage stage, String message) {
        List<String> steps = new ArrayList<>(state.steps());
        steps.add(message);
        while (steps.size() > STEPS_KEPT) {
            steps.remove(0);
        }
        set(new RaceState(stage, state.benchmarks(), state.meta(), state.timelines(), state.raceStart(),
                OptionalLong.of(clock.getAsLong()), steps, Optional.empty(), message));
    }

    private void set(RaceState s) {
        state = s;
        sink.accept(s);
    }

    /** When the TUI quits during a run: remove what it made before the process ends (as Ctrl-C does in the CLI). */
    @Override
    public void close() {
        CompletableFuture<Void> removal;
        synchronized (this) {
            if (!state.active()) {
                return;
            }
            cancel();
            removal = cancelling;
        }
        removal.join();
    }
}
