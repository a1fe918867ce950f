package dev.hyperlab.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AsynchronousTextGUIThread;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import dev.hyperlab.tui.data.GuestActions;
import dev.hyperlab.tui.data.GuestServices;
import dev.hyperlab.tui.data.GuestSource;
import dev.hyperlab.tui.host.HostInfo;
import dev.hyperlab.tui.refresh.DetailLoader;
import dev.hyperlab.tui.refresh.Refresher;
import dev.hyperlab.tui.refresh.Snapshot;
import dev.hyperlab.tui.view.MainWindow;
import dev.hyperlab.tui.view.ViewServices;
import dev.hyperlab.tui.view.Views;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running TUI on one terminal: screen, GUI thread, main window, refresh pipeline. Tests drive
 * it on a virtual terminal; {@link TuiApp} on the real one.
 */
public final class TuiSession implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TuiSession.class.getName());
    /** Stats refresh period (the issue asks for every second). */
    public static final Duration TICK = Duration.ofSeconds(1);
    /** Bursts of events (e.g. 500 guests started by a script) cause at most one reload per this gap. */
    public static final Duration MIN_GAP = Duration.ofMillis(150);

    private final Screen screen;
    private final MultiWindowTextGUI gui;
    private final MainWindow window;
    private final Refresher refresher;
    private final DetailLoader details;
    private final Views views;

    private TuiSession(Screen screen, MultiWindowTextGUI gui, MainWindow window, Refresher refresher,
                       DetailLoader details, Views views) {
        this.screen = screen;
        this.gui = gui;
        this.window = window;
        this.refresher = refresher;
        this.details = details;
        this.views = views;
    }

    /** Takes over the terminal and starts the GUI thread and the refresh pipeline; without the images and compare views. */
    public static TuiSession start(Terminal terminal, GuestSource source, GuestActions actions,
                                   Supplier<HostInfo> hostProbe) throws IOException {
        return start(terminal, source, actions, hostProbe, null, null, System::nanoTime);
    }

    /** As above, with the guest views (create wizard, console, log, snapshots) over {@code guestServices}. */
    public static TuiSession start(Terminal terminal, GuestSource source, GuestActions actions,
                                   Supplier<HostInfo> hostProbe, GuestServices guestServices) throws IOException {
        return start(terminal, source, actions, hostProbe, guestServices, null, System::nanoTime);
    }

    /** As above, with the images and compare views over {@code services} and no guest views. */
    public static TuiSession start(Terminal terminal, GuestSource source, GuestActions actions,
                                   Supplier<HostInfo> hostProbe, ViewServices services, LongSupplier clock)
            throws IOException {
        return start(terminal, source, actions, hostProbe, null, services, clock);
    }

    /**
     * Takes over the terminal and starts the GUI thread and the refresh pipeline.
     *
     * @param guestServices what the create wizard, console, log and snapshot views work on; null leaves them out
     * @param services      what the images, compare and labs views work on; null leaves them out
     * @param clock         nanoseconds for elapsed times and the race clock ({@code System::nanoTime})
     */
    public static TuiSession start(Terminal terminal, GuestSource source, GuestActions actions,
                                   Supplier<HostInfo> hostProbe, GuestServices guestServices, ViewServices services,
                                   LongSupplier clock) throws IOException {
        Screen screen = new TerminalScreen(terminal);
        screen.startScreen();
        MultiWindowTextGUI gui = new MultiWindowTextGUI(PacedTextGUIThread.FACTORY, screen,
                new DefaultWindowManager(), null, new EmptySpace(TextColor.ANSI.DEFAULT));
        Holder h = new Holder();
        DetailLoader details = new DetailLoader(source, (key, r) -> post(gui, () -> h.window.showDetails(key, r)));
        // The labs' state files are read with each refresh: the list's LAB and ADDRESS columns, the labs view.
        Supplier<java.util.List<dev.hyperlab.core.labrun.LabState>> labs = services == null || services.labs() == null
                ? java.util.List::of : services.labs()::states;
        Refresher refresher = new Refresher(source, labs, snap -> post(gui, () -> h.window.apply(snap)), hostProbe,
                TICK, MIN_GAP);
        h.window = new MainWindow(source.describe(), actions, details::select, refresher::requestRefresh);
        if (guestServices != null) {
            h.window.useGuestServices(guestServices);
        }
        h.window.attach(gui);
        Views views = services == null ? null : new Views(gui, h.window, services, clock);
        if (views != null) {
            h.window.setViews(views::openImages, views::openCompare);
        }
        gui.addWindow(h.window);
        ((AsynchronousTextGUIThread) gui.getGUIThread()).start();
        refresher.start();
        return new TuiSession(screen, gui, h.window, refresher, details, views);
    }

    private static final class Holder {
        MainWindow window;
    }

    private static void post(MultiWindowTextGUI gui, Runnable r) {
        try {
            gui.getGUIThread().invokeLater(r);
        } catch (IllegalStateException e) {
            LOG.fine("GUI stopped; dropping an update");
        }
    }

    public MultiWindowTextGUI gui() { return gui; }

    public MainWindow window() { return window; }

    public Refresher refresher() { return refresher; }

    /** Blocks until the user quits (q or :q). */
    public void awaitQuit() throws InterruptedException {
        window.awaitClosed(); // not waitUntilClosed(): that polls every millisecond
    }

    /** Applies a snapshot synchronously on the GUI thread and redraws; for the benchmark. */
    public void applyAndWait(Snapshot s) throws InterruptedException {
        gui.getGUIThread().invokeAndWait(() -> {
            window.apply(s);
            try {
                gui.updateScreen();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        if (views != null) {
            views.close(); // a compare run in flight removes its guests first
        }
        refresher.close();
        details.close();
        AsynchronousTextGUIThread t = (AsynchronousTextGUIThread) gui.getGUIThread();
        t.stop();
        try {
            t.waitForStop(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            screen.stopScreen();
        } catch (IOException e) {
            LOG.log(Level.FINE, "restoring the terminal", e);
        }
    }
}
