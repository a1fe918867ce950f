package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import dev.hyperlab.core.lab.GuestRecipe;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.tui.data.GuestConsoles;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestMaker;
import dev.hyperlab.tui.data.GuestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens the guest views over the main window (create wizard, boot timeline, console, log,
 * snapshots) and runs the boots the wizard starts, one background thread per guest. What the
 * boots report reaches the GUI thread through the {@link BootBoard}; the main window shows it in
 * the list once the boot window is gone.
 */
final class GuestViews {
    private static final Logger LOG = Logger.getLogger(GuestViews.class.getName());
    /** How much of a log the log view reads: a few thousand lines, the end of the latest boots. */
    static final int LOG_BYTES = 512 * 1024;

    private final MainWindow main;
    private final GuestServices services;
    private final BootBoard board = new BootBoard();
    /** What each boot watcher reads from its VM's console, while it holds it; touched by boot threads too. */
    private final java.util.Map<GuestKey, BootFeed> feeds = new java.util.concurrent.ConcurrentHashMap<>();
    private BootWindow bootWindow;

    GuestViews(MainWindow main, GuestServices services) {
        this.main = main;
        this.services = services;
    }

    BootBoard board() { return board; }

    /** Migrate: which host (a choice among the session's others), then the migration on the action thread. */
    void openMigrate(GuestKey key) {
        if (services.migrations().isEmpty()) {
            main.showError("migrating needs the hosts of 'hyperlab host list', and none are wired in this session");
            return;
        }
        dev.hyperlab.tui.data.VmMigrations m = services.migrations().get();
        if (key.kind() != GuestKind.VM) {
            main.showError("only VMs migrate; " + key.name() + " is a container");
            return;
        }
        List<String> hosts = m.targets(key);
        if (hosts.isEmpty()) {
            main.showError("there is no other host to move " + key.name() + " to; add one with 'hyperlab host add NAME URI'");
            return;
        }
        String vm = dev.hyperlab.tui.data.GuestHost.nameOf(key.name());
        String on = dev.hyperlab.tui.data.GuestHost.hostOf(key.name()).map(h -> " (on " + h + ")").orElse("");
        gui().addWindow(new ChoiceWindow("Migrate " + vm, "Move " + vm + on + " to which host? A running VM moves live; "
                + "its disk is copied, and the base image too when that host lacks it.", hosts, main.cols(), i -> {
            String host = hosts.get(i);
            java.util.concurrent.atomic.AtomicReference<String> outcome = new java.util.concurrent.atomic.AtomicReference<>();
            main.actOn(key, "migrate to " + host, () -> outcome.set(m.migrate(key, host,
                    step -> GuiThread.later(gui(), () -> main.showStatus(step)))), outcome::get);
        }));
    }

    private WindowBasedTextGUI gui() { return main.getTextGUI(); }

    void openWizard() {
        if (services.makers().isEmpty()) {
            main.showError("creating guests needs libvirt or a container engine, and neither is wired in this session");
            return;
        }
        gui().addWindow(new WizardWindow(gui(), services, main.cols(), this::launch));
    }

    /** Starts one boot per maker, all timed from the same moment, and shows their timeline. */
    void launch(GuestRecipe recipe, List<GuestMaker> makers) {
        long t0 = System.nanoTime();
        List<GuestKey> keys = new ArrayList<>();
        for (GuestMaker m : makers) {
            GuestKey key = new GuestKey(m.kind(), recipe.name());
            keys.add(key);
            boolean ssh = m.kind() == GuestKind.VM && recipe.vmNetwork().userMode();
            board.put(new BootBoard.Boot(key, t0, BootBoard.phases(m.kind(), ssh), BootTimeline.empty(), "starting",
                    null, 0));
            GuiThread.daemon("boot-" + key.kind().shortName() + "-" + key.name(), () -> boot(m, recipe, key, t0)).start();
        }
        main.selectWhenListed(keys.get(0));
        bootWindow = new BootWindow(gui(), board, keys, main.cols(), main.rows());
        gui().addWindow(bootWindow);
    }

    /** On the boot's own thread: create, start, follow to ready; every report goes to the board. */
    private void boot(GuestMaker maker, GuestRecipe recipe, GuestKey key, long t0) {
        WindowBasedTextGUI gui = gui();
        BootFeed feed = new BootFeed();
        feeds.put(key, feed);
        try {
            BootTimeline done = maker.createAndBoot(recipe, t0, new GuestMaker.Progress() {
                @Override public void step(String what) { GuiThread.later(gui, () -> board.update(key, b -> b.step(what))); }

                @Override public void phase(BootTimeline t) { GuiThread.later(gui, () -> board.update(key, b -> b.timeline(t))); }

                @Override public void console(String line) { feed.line(line); }
            });
            long end = System.nanoTime();
            GuiThread.later(gui, () -> {
                board.update(key, b -> b.finished(done, end));
                if (!showing()) {
                    main.status(key + " " + BootWindow.headline(board.get(key).orElseThrow(), end));
                }
                main.refresh();
            });
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "booting " + key + " failed", e);
            String msg = StreamPump.message(e);
            long end = System.nanoTime();
            GuiThread.later(gui, () -> {
                board.update(key, b -> b.failed(msg, end));
                main.showError(key + ": " + msg); // over the boot window too: it shows only the start
                main.refresh();
            });
        } finally {
            feed.end(); // after the service closed its console: a console view may take it now
            feeds.remove(key, feed);
        }
    }

    private boolean showing() {
        return bootWindow != null && gui().getWindows().contains(bootWindow);
    }

    /** A VM's serial console, or a container's output followed live. */
    void openConsole(GuestKey key) {
        GuestConsoles c = services.consoles().get(key.kind());
        if (c == null) {
            main.showError("no console for " + key + " in this session");
        } else if (c.interactive()) {
            BootFeed feed = feeds.get(key);
            gui().addWindow(new ConsoleWindow(gui(), key, feed == null || feed.ended() ? null : feed::open,
                    () -> c.open(key.name()), main::showError));
        } else {
            gui().addWindow(OutputWindow.follow(gui(), "output of " + key + " (live; Esc back to the list)", key.name(),
                    () -> c.open(key.name()), main::showError));
        }
    }

    void openLog(GuestKey key) {
        GuestConsoles c = services.consoles().get(key.kind());
        if (c == null) {
            main.showError("no log for " + key + " in this session");
            return;
        }
        String what = key.kind() == GuestKind.VM ? "console log of " : "logs of ";
        gui().addWindow(OutputWindow.log(gui(), what + key + "  (Esc back to the list)",
                () -> c.log(key.name(), LOG_BYTES), main::showError));
    }

    void openSnapshots(GuestKey key) {
        if (key.kind() != GuestKind.VM) {
            main.showError("snapshots are for VMs: " + key + " is a container (its image layers are not snapshots)");
        } else if (services.snapshots().isEmpty()) {
            main.showError("no snapshot service in this session");
        } else {
            gui().addWindow(new SnapshotWindow(gui(), key, services.snapshots().get(), main.cols(), main.rows(),
                    main::showError));
        }
    }
}
