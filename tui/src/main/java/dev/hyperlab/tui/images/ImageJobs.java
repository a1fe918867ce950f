package dev.hyperlab.tui.images;

import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.download.ImagePuller;
import dev.hyperlab.images.store.ImageListing;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.core.error.Failures;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The images view's state and its background work. It outlives the view, so a pull goes on when the
 * user leaves it. State is read and changed on the GUI thread only: background threads compute,
 * then hand their result to {@code gui} (invokeLater), which applies it and tells the {@link Listener}.
 *
 * <p>One long operation (build, pull, import) at a time: they write the same store, and one progress
 * line is what fits at 80x24. Removal and reloads are short and run beside it.
 */
public final class ImageJobs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ImageJobs.class.getName());

    /** Called on the GUI thread. */
    public interface Listener {
        /** The listing or the long operation changed: redraw. */
        void changed();

        /** A one-line outcome of a short operation (a removal) for the status line. */
        void status(String line);

        /**
         * A long operation started or ended ("pull x: done"), for whoever is not looking at the images
         * view; the view itself shows the operation in its own panel.
         */
        void background(String line);

        /** A failure, for an error dialog. */
        void error(String message);
    }

    /** The store's images as last read; {@code error} when reading failed. */
    public record Listing(List<ImageListing> images, boolean loading, Optional<String> error) {
        public Listing {
            images = List.copyOf(images);
        }
    }

    private final ImagesBackend backend;
    private final Consumer<Runnable> gui;
    private final LongSupplier clock;
    private final ExecutorService longOps = daemonPool("hyperlab-images");
    private final ExecutorService shortOps = daemonPool("hyperlab-images-list");
    private Listener listener = new Listener() {
        @Override public void changed() { }
        @Override public void status(String line) { }
        @Override public void background(String line) { }
        @Override public void error(String message) { }
    };
    // GUI thread only:
    private Listing listing = new Listing(List.of(), true, Optional.empty());
    private Optional<ImageTask> task = Optional.empty();
    private List<CatalogEntry> catalog;

    /**
     * @param gui   runs a task on the GUI thread (invokeLater)
     * @param clock nanoseconds, for elapsed times
     */
    public ImageJobs(ImagesBackend backend, Consumer<Runnable> gui, LongSupplier clock) {
        this.backend = backend;
        this.gui = gui;
        this.clock = clock;
    }

    public void listen(Listener l) { this.listener = l; }

    public String location() { return backend.location(); }

    public Listing listing() { return listing; }

    /** The long operation running now, or the last one (with its outcome). */
    public Optional<ImageTask> task() { return task; }

    public boolean busy() { return task.map(ImageTask::running).orElse(false); }

    /**
     * True, with an error for the user, when a long operation is running: checked before asking for
     * a URL or a path, so nobody types one in only to be refused.
     */
    public boolean refuseWhenBusy() {
        if (busy()) {
            listener.error("'" + task.get().title() + "' is still running; try again when it has finished");
            return true;
        }
        return false;
    }

    public long now() { return clock.getAsLong(); }

    public List<CatalogEntry> catalog() {
        if (catalog == null) {
            catalog = List.copyOf(backend.catalog()); // a resource in the jar: fast enough for the GUI thread
        }
        return catalog;
    }

    /** Reads the store again in the background. */
    public void reload() {
        listing = new Listing(listing.images(), true, Optional.empty());
        listener.changed();
        submit(shortOps, () -> {
            Listing l;
            try {
                l = new Listing(backend.list(), false, Optional.empty());
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "listing images failed", e);
                l = new Listing(List.of(), false, Optional.of(Failures.message("listing images", e)));
            }
            Listing done = l;
            gui.accept(() -> {
                listing = done;
                listener.changed();
            });
        });
    }

    public boolean build() {
        return startLong("build the default image", backend::buildDefault);
    }

    public boolean pull(ImagePuller.Request request) {
        return startLong("pull " + request.nameOrUrl(), p -> summary("pulled", backend.pull(request, p)));
    }

    public boolean importFile(Path file) {
        return startLong("import " + file, p -> summary("imported", backend.importFile(file, p)));
    }

    /** Removes in the background; the outcome goes to the status line or an error dialog. */
    public void remove(String name) {
        listener.status("removing image " + name + " ...");
        submit(shortOps, () -> {
            try {
                backend.remove(name);
                gui.accept(() -> {
                    listener.status("removed image " + name);
                    reload();
                });
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "removing image " + name + " failed", e);
                String msg = Failures.message("removing image " + name, e);
                gui.accept(() -> {
                    listener.status("remove " + name + ": refused");
                    listener.error(msg);
                });
            }
        });
    }

    private interface Operation {
        String run(ProgressListener progress);
    }

    /** Starts a long operation unless one runs; false (and an error) when busy. */
    private boolean startLong(String title, Operation op) {
        if (refuseWhenBusy()) {
            return false;
        }
        ImageTask started = ImageTask.started(title, clock.getAsLong());
        task = Optional.of(started);
        listener.changed();
        listener.background(title + " ...");
        submit(longOps, () -> {
            try {
                // Progress events arrive on the worker thread; each is applied on the GUI thread.
                String outcome = op.run(p -> gui.accept(() -> task.filter(t -> t.startNanos() == started.startNanos())
                        .ifPresent(t -> {
                            task = Optional.of(t.with(p));
                            listener.changed();
                        })));
                finish(started, ImageTask.State.DONE, outcome);
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, title + " failed", e);
                finish(started, ImageTask.State.FAILED, Failures.message(title, e));
            }
        });
        return true;
    }

    private void finish(ImageTask started, ImageTask.State state, String message) {
        long end = clock.getAsLong();
        gui.accept(() -> {
            ImageTask t = task.filter(x -> x.startNanos() == started.startNanos()).orElse(started);
            task = Optional.of(t.ended(state, message, end));
            listener.changed();
            if (state == ImageTask.State.DONE) {
                listener.background(t.title() + ": " + message);
            } else {
                listener.background(t.title() + ": failed");
                listener.error(message);
            }
            reload();
        });
    }

    private static String summary(String verb, ImageRecord r) {
        return verb + " " + r.name() + " (" + r.format().label() + ", " + dev.hyperlab.images.ProgressText.size(r.virtualSize())
                + ", sha256 " + r.sha256().substring(0, 12) + ")";
    }

    /** Runs {@code r} on {@code pool}, unless the session is closing (then there is nobody to tell). */
    private static void submit(ExecutorService pool, Runnable r) {
        try {
            pool.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine("images: closing, dropped a background task");
        }
    }

    private static ExecutorService daemonPool(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops waiting for background work; a pull in flight ends with the process (its partial file resumes). */
    @Override
    public void close() {
        longOps.shutdownNow();
        shortOps.shutdownNow();
    }
}
