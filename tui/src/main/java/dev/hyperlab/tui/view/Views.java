package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.TextGUI;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import dev.hyperlab.tui.compare.CompareJob;
import dev.hyperlab.tui.compare.RaceState;
import dev.hyperlab.tui.images.ImageJobs;
import dev.hyperlab.tui.labs.LabJobs;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The views beside the guest list: images, compare and labs. Owns their background jobs, which outlive
 * the windows (leave a view, come back, the pull is still there), and a clock tick that redraws
 * elapsed times and growing bars while something runs. Window methods are only called on the GUI
 * thread: the jobs' results arrive through {@link #post}.
 */
public final class Views implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Views.class.getName());
    /** How often growing bars and elapsed times are redrawn while something runs. */
    static final long TICK_MS = 250;

    private final WindowBasedTextGUI gui;
    private final MainWindow main;
    private final ImageJobs images;
    private final CompareJob compare;
    /** Null when the session has no labs backend. */
    private final LabJobs labs;
    private final LongSupplier clock;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hyperlab-view-tick");
        t.setDaemon(true);
        return t;
    });
    /** Written on the GUI thread, read by the ticker: no wake-ups while nothing runs. */
    private volatile boolean imagesBusy;
    // GUI thread only:
    private ImagesWindow imagesWindow;
    private CompareWindow compareWindow;
    private LabsWindow labsWindow;
    private LabBoardWindow labBoard;
    /** Written on the GUI thread, read by the ticker. */
    private volatile boolean labsBusy;

    /** @param clock nanoseconds ({@code System::nanoTime}); tests pass one they drive */
    public Views(WindowBasedTextGUI gui, MainWindow main, ViewServices services, LongSupplier clock) {
        this.gui = gui;
        this.main = main;
        this.clock = clock;
        this.images = new ImageJobs(services.images(), this::post, clock);
        this.compare = new CompareJob(services.compare(), clock, s -> post(() -> raceChanged(s)));
        images.listen(new ImageJobs.Listener() {
            @Override public void changed() {
                imagesBusy = images.busy();
                if (imagesWindow != null) {
                    imagesWindow.render();
                }
            }

            @Override public void status(String line) {
                main.showStatus("images: " + line);
                if (imagesWindow != null) {
                    imagesWindow.showStatus(line);
                }
            }

            @Override public void background(String line) { main.showStatus("images: " + line); }

            @Override public void error(String message) { showError(message); }
        });
        this.labs = services.labs() == null ? null : new LabJobs(services.labs(), this::post, clock);
        if (labs != null) {
            labs.listen(new LabJobs.Listener() {
                @Override public void changed() {
                    labsBusy = labs.busy();
                    if (showing(labsWindow)) {
                        labsWindow.render();
                    }
                    if (showing(labBoard)) {
                        labBoard.render();
                    }
                }

                @Override public void status(String line) {
                    main.showStatus("labs: " + line); // the labs view shows the run under its table
                }

                @Override public void error(String message) { showError(message); }
            });
            main.setLabsView(this::openLabs, this::labWork);
        }
        ticker.scheduleWithFixedDelay(() -> {
            if (imagesBusy || compare.state().active() || labsBusy) {
                post(this::tick);
            }
        }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    public void openImages() {
        if (imagesWindow != null && gui.getWindows().contains(imagesWindow)) {
            gui.setActiveWindow(imagesWindow);
            return;
        }
        imagesWindow = new ImagesWindow(images, this::showError);
        gui.addWindow(imagesWindow);
        images.reload();
    }

    public void openCompare() {
        if (compareWindow != null && gui.getWindows().contains(compareWindow)) {
            gui.setActiveWindow(compareWindow);
            return;
        }
        compareWindow = new CompareWindow(compare, clock);
        gui.addWindow(compareWindow);
    }

    /** The labs view; the files are read again each time it opens. */
    public void openLabs() {
        if (showing(labsWindow)) {
            gui.setActiveWindow(labsWindow);
            return;
        }
        labsWindow = new LabsWindow(labs, main, this::openLabBoard);
        gui.addWindow(labsWindow);
        labs.reload();
    }

    private void openLabBoard() {
        if (showing(labBoard)) {
            gui.setActiveWindow(labBoard);
            return;
        }
        int cols = gui.getScreen().getTerminalSize().getColumns();
        int rows = gui.getScreen().getTerminalSize().getRows();
        labBoard = new LabBoardWindow(labs, cols, rows);
        gui.addWindow(labBoard);
    }

    /** What quitting now would cut short (an up or a down in progress), and what quitting does to it. */
    private java.util.List<String> labWork() {
        return labs.run().filter(r -> r.active()).map(r -> java.util.List.of(r.op() == dev.hyperlab.tui.labs.LabRun.Op.UP
                ? "lab " + r.lab() + " is being brought up: quitting cancels it (a guest being made undoes itself; the "
                        + "guests that are up stay, for d in the labs view or 'hyperlab down')"
                : "lab " + r.lab() + " is being taken down: quitting waits for it (up to "
                        + LabJobs.CLOSE_WAIT_SECONDS + " s)")).orElse(java.util.List.of());
    }

    private boolean showing(com.googlecode.lanterna.gui2.Window w) {
        return w != null && gui.getWindows().contains(w);
    }

    private void raceChanged(RaceState s) {
        if (compareWindow != null && gui.getWindows().contains(compareWindow)) {
            compareWindow.apply(s);
        }
        switch (s.stage()) {
            case DONE -> main.showStatus("compare: done (b shows the report)");
            case FAILED -> {
                main.showStatus("compare: failed");
                showError(s.message());
            }
            case CANCELLED -> main.showStatus("compare: " + s.message());
            case RUNNING, PREPARING -> main.showStatus("compare: running (b shows it)");
            default -> { }
        }
    }

    private void tick() {
        if (imagesWindow != null && gui.getWindows().contains(imagesWindow) && images.busy()) {
            imagesWindow.render();
        }
        if (compareWindow != null && gui.getWindows().contains(compareWindow) && compare.state().active()) {
            compareWindow.tick();
        }
        if (labs != null && labs.busy()) {
            if (showing(labsWindow)) {
                labsWindow.render();
            }
            if (showing(labBoard)) {
                labBoard.render();
            }
        }
    }

    private void showError(String message) {
        int cols = gui.getScreen().getTerminalSize().getColumns();
        gui.addWindow(new MessageWindow("Error", message, cols, true));
    }

    private void post(Runnable r) {
        try {
            ((TextGUI) gui).getGUIThread().invokeLater(r);
        } catch (IllegalStateException e) {
            LOG.fine("GUI stopped; dropping a view update");
        }
    }

    /**
     * Stops the tick; a compare run in flight is cancelled and its guests removed before this returns;
     * a lab's up is cancelled and awaited a while (its guests being made undo themselves).
     */
    @Override
    public void close() {
        ticker.shutdownNow();
        images.close();
        compare.close();
        if (labs != null) {
            labs.close();
        }
    }
}
