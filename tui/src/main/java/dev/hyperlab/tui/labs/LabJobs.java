package dev.hyperlab.tui.labs;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.Failures;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabFileParser;
import dev.hyperlab.core.labrun.LabRunner;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.tui.labs.LabRun.Op;
import dev.hyperlab.tui.labs.LabRun.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The labs view's state and its background work, as {@code ImageJobs} is for images: it outlives
 * the view, so an up goes on when the user leaves it. State is read and changed on the GUI thread
 * only; the worker threads compute, then hand each change to {@code gui} (invokeLater).
 *
 * <p>One up or down at a time: they would race for the same names and subnets, and one board is
 * what fits at 80x24. {@link #cancel} stops an up as Ctrl-C stops {@code hyperlab up}: no guest is
 * started after it, a guest being made undoes itself, and what is up stays in the lab's state.
 */
public final class LabJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LabJobs.class.getName());
    /** How long quitting waits for a cancelled up to undo what it was making, as the CLI's Ctrl-C does. */
    public static final long CLOSE_WAIT_SECONDS = 60;

    /** Called on the GUI thread. */
    public interface Listener {
        /** The files or the run changed: redraw. */
        void changed();

        /** A one-line outcome for the status lines ("lab web is up in 12.3 s"). */
        void status(String line);

        /** A failure, for an error dialog. */
        void error(String message);
    }

    /** The lab files as last read. */
    public record Listing(List<LabFileEntry> files, boolean loading, Optional<String> error) {
        public Listing {
            files = List.copyOf(files);
        }
    }

    private final LabsBackend backend;
    private final Consumer<Runnable> gui;
    private final LongSupplier clock;
    private Listener listener = new Listener() {
        @Override public void changed() { }
        @Override public void status(String line) { }
        @Override public void error(String message) { }
    };
    // GUI thread only:
    private Listing listing = new Listing(List.of(), true, Optional.empty());
    private Optional<LabRun> run = Optional.empty();
    // Set on the GUI thread, read by close() on the session's:
    private volatile Cancellation cancel = Cancellation.NONE;
    private volatile Thread worker;

    /**
     * @param gui   runs a task on the GUI thread (invokeLater)
     * @param clock nanoseconds, for elapsed times
     */
    public LabJobs(LabsBackend backend, Consumer<Runnable> gui, LongSupplier clock) {
        this.backend = backend;
        this.gui = gui;
        this.clock = clock;
    }

    public void listen(Listener l) { this.listener = l; }

    public String location() { return backend.location(); }

    /**
     * A lab file's path as the view shows it: by its name alone in the directory hyperlab was started
     * in, under {@code ~} in the home directory, else whole.
     */
    public String shown(Path file) {
        Path home = Path.of(System.getProperty("user.home"));
        if (file.startsWith(backend.workDir())) {
            return backend.workDir().relativize(file).toString();
        }
        return file.startsWith(home) && !home.toString().equals("/") ? "~/" + home.relativize(file) : file.toString();
    }

    public Listing listing() { return listing; }

    /** The up or down running now, or the last one with its outcome. */
    public Optional<LabRun> run() { return run; }

    public boolean busy() { return run.map(LabRun::active).orElse(false); }

    public long now() { return clock.getAsLong(); }

    /** Looks for lab files again, in the background. */
    public void reload() {
        listing = new Listing(listing.files(), true, Optional.empty());
        listener.changed();
        background("hyperlab-labs-list", () -> {
            Listing l;
            try {
                l = new Listing(backend.files(), false, Optional.empty());
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "looking for lab files failed", e);
                l = new Listing(listing.files(), false, Optional.of(Failures.message("looking for lab files", e)));
            }
            Listing done = l;
            gui.accept(() -> {
                listing = done;
                listener.changed();
            });
        }).start();
    }

    /**
     * Brings {@code lab} up from its file (read again in the background when only its state names it);
     * false, with an error for the user, while another up or down runs.
     */
    public boolean up(LabSummary lab) {
        if (refuseWhenBusy()) {
            return false;
        }
        Optional<LabFile> parsed = lab.file().flatMap(LabFileEntry::lab);
        Optional<Path> path = lab.upFile();
        if (parsed.isEmpty() && (lab.status() == LabSummary.Status.INVALID || path.isEmpty())) {
            listener.error(lab.file().flatMap(LabFileEntry::problem).orElse("lab " + lab.name() + " has no lab file to "
                    + "bring up; try writing one, or 'hyperlab up -f FILE'"));
            return false;
        }
        Cancellation c = new Cancellation();
        start(LabRun.started(lab.name(), Op.UP, clock.getAsLong()), c, () -> {
            LabFile file = parsed.orElseGet(() -> LabFileParser.read(path.get()));
            List<LabRunner.Outcome> outcomes = backend.up(file, (guest, kind, what) -> {
                long at = clock.getAsLong();
                gui.accept(() -> set(run.orElseThrow().report(guest, kind, what, at)));
            }, c);
            long end = clock.getAsLong();
            gui.accept(() -> upEnded(outcomes, end));
        });
        listener.status("up " + lab.name() + " ...");
        return true;
    }

    /** Removes everything the lab's up made; false, with an error for the user, while another up or down runs. */
    public boolean down(String lab) {
        if (refuseWhenBusy()) {
            return false;
        }
        start(LabRun.started(lab, Op.DOWN, clock.getAsLong()), Cancellation.NONE, () -> {
            List<String> removed = backend.down(lab);
            long end = clock.getAsLong();
            gui.accept(() -> {
                LabRun r = run.orElseThrow();
                for (String what : removed) {
                    r = r.report(what, "", "removed", end);
                }
                set(r.ended(Stage.DONE, List.of(), "lab " + lab + " is down: removed " + removed.size() + " thing"
                        + (removed.size() == 1 ? "" : "s"), end));
                listener.status(run.get().message());
            });
        });
        listener.status("down " + lab + " ...");
        return true;
    }

    /** Cancels the up in progress; returns at once (the guests being made undo themselves on their threads). */
    public void cancel() {
        if (run.isEmpty() || run.get().stage() != Stage.RUNNING || run.get().op() != Op.UP) {
            return;
        }
        cancel.cancel("cancelled in the TUI");
        set(run.get().stage(Stage.CANCELLING, "cancelling: no guest is started any more; a guest being made undoes itself"));
        listener.status("up " + run.get().lab() + ": cancelling ...");
    }

    private boolean refuseWhenBusy() {
        if (busy()) {
            LabRun r = run.get();
            listener.error((r.op() == Op.UP ? "bringing up" : "removing") + " lab " + r.lab() + " is still running; "
                    + "try again when it has finished" + (r.op() == Op.UP ? ", or cancel it (u, then Esc)" : ""));
            return true;
        }
        return false;
    }

    private void start(LabRun r, Cancellation c, Runnable work) {
        cancel = c;
        set(r);
        String what = (r.op() == Op.UP ? "up " : "down ") + r.lab();
        worker = background("hyperlab-lab-" + r.op().name().toLowerCase(Locale.ROOT), () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, what + " failed", e);
                boolean cancelled = e instanceof HyperlabException he && he.code() == ErrorCode.CANCELLED;
                String msg = Failures.message(what, e);
                long end = clock.getAsLong();
                gui.accept(() -> {
                    set(run.orElseThrow().ended(cancelled ? Stage.CANCELLED : Stage.FAILED, List.of(), msg, end));
                    listener.status(what + (cancelled ? ": cancelled" : ": failed"));
                    if (!cancelled) {
                        listener.error(msg);
                    }
                });
            }
        });
        worker.start();
    }

    /** The outcome of an up, in the words of {@code hyperlab up}. */
    private void upEnded(List<LabRunner.Outcome> outcomes, long end) {
        LabRun r = run.orElseThrow();
        boolean cancelled = r.stage() == Stage.CANCELLING;
        long failed = outcomes.stream().filter(o -> o.result().failed()).count();
        String secs = String.format(Locale.ROOT, "%.1f s", (end - r.startNanos()) / 1e9);
        String msg;
        if (cancelled) {
            msg = "up cancelled: " + (outcomes.size() - failed) + " of " + outcomes.size() + " guests are up and stay; "
                    + "d removes all";
        } else if (outcomes.stream().allMatch(o -> o.result() == LabRunner.Result.UNCHANGED)) {
            msg = "lab " + r.lab() + " is up as written: nothing changed";
        } else if (failed > 0) {
            msg = "lab " + r.lab() + ": " + failed + " of " + outcomes.size() + " guests are not ready (the others are kept); "
                    + "d removes all";
        } else if (outcomes.stream().anyMatch(o -> o.result() == LabRunner.Result.CHANGED)) {
            msg = "lab " + r.lab() + " is up in " + secs + "; guests marked 'changed' differ from the file and were left as they are";
        } else {
            msg = "lab " + r.lab() + " is up in " + secs;
        }
        set(r.ended(cancelled ? Stage.CANCELLED : Stage.DONE, outcomes, msg, end));
        listener.status(msg);
    }

    private void set(LabRun r) {
        run = Optional.of(r);
        listener.changed();
    }

    private static Thread background(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Quitting during an up cancels it and waits (a while) for the guests being made to undo themselves. */
    @Override
    public void close() {
        Thread w = worker;
        if (w == null || !w.isAlive()) {
            return;
        }
        if (cancel != Cancellation.NONE) {
            cancel.cancel("the TUI quit");
        }
        try {
            w.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
