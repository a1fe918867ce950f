package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import dev.hyperlab.core.lab.SnapshotTree;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.VmSnapshots;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A VM's snapshots as a tree (parent above child, the one the VM runs on marked "<- current"):
 * take one (asks a name), revert to one or delete one (both ask first). Operations run one at a
 * time off the GUI thread; the tree is read again after each.
 */
final class SnapshotWindow extends ModalWindow {
    private static final DateTimeFormatter TAKEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final WindowBasedTextGUI gui;
    private final GuestKey vm;
    private final VmSnapshots snapshots;
    private final Consumer<String> showError;
    private final int width;
    private final int visible;
    private final LinesView rows;
    private final LinesView status = new LinesView(1).colors(TextColor.ANSI.YELLOW, null, false);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> GuiThread.daemon("snapshots", r));
    private List<SnapshotTree.Node> nodes = List.of();
    private int selected;
    private boolean loaded;

    SnapshotWindow(WindowBasedTextGUI gui, GuestKey vm, VmSnapshots snapshots, int screenCols, int screenRows,
                   Consumer<String> showError) {
        super("Snapshots of " + vm, Context.SNAPSHOTS);
        this.gui = gui;
        this.vm = vm;
        this.snapshots = snapshots;
        this.showError = showError;
        this.width = Math.max(40, Math.min(76, screenCols - 4));
        this.visible = Math.max(3, Math.min(12, screenRows - 8));
        rows = new LinesView(visible);
        LinesView footer = new LinesView(1);
        footer.setLines(List.of(KeyMap.footer(Context.SNAPSHOTS)));
        Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
        p.addComponent(rows);
        p.addComponent(status);
        p.addComponent(footer);
        setComponent(p);
        render();
        run("loading ...", () -> { }, null, null);
    }

    @Override
    void onAction(Action action) {
        switch (action) {
            case CLOSE -> close();
            case MOVE_UP -> move(-1);
            case MOVE_DOWN -> move(1);
            case SNAPSHOT_CREATE -> gui.addWindow(new NamePromptWindow("Take a snapshot of " + vm, "Snapshot name: ",
                    name -> run("taking snapshot '" + name + "' ...", () -> snapshots.create(vm.name(), name),
                            "took snapshot '" + name + "'", name)));
            case SNAPSHOT_REVERT -> selectedName().ifPresent(s -> gui.addWindow(new ConfirmWindow("Revert " + vm,
                    "Revert " + vm + " to snapshot '" + s + "'? What changed since it was taken is lost, unless "
                            + "another snapshot holds it.", width,
                    () -> run("reverting to '" + s + "' ...", () -> snapshots.revert(vm.name(), s),
                            "reverted to '" + s + "'", null))));
            case SNAPSHOT_DELETE -> selectedName().ifPresent(s -> gui.addWindow(new ConfirmWindow("Delete snapshot",
                    "Delete snapshot '" + s + "' of " + vm + "? Snapshots taken on top of it keep their data.", width,
                    () -> run("deleting '" + s + "' ...", () -> snapshots.delete(vm.name(), s),
                            "deleted snapshot '" + s + "'", null))));
            default -> { }
        }
    }

    private java.util.Optional<String> selectedName() {
        if (nodes.isEmpty()) {
            status.setLines(List.of("no snapshot selected"));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(nodes.get(selected).snapshot().name());
    }

    private void move(int delta) {
        selected = Math.max(0, Math.min(nodes.size() - 1, selected + delta));
        render();
    }

    /**
     * Runs {@code op}, then reads the tree again; {@code done} is the status after a success and
     * {@code select} the snapshot to select then (null: keep the selection).
     */
    private void run(String doing, Runnable op, String done, String select) {
        status.setLines(List.of(doing));
        worker.execute(() -> {
            String error = null;
            try {
                op.run();
            } catch (RuntimeException e) {
                error = StreamPump.message(e);
            }
            List<SnapshotTree.Node> tree;
            String listError = null;
            try {
                tree = SnapshotTree.order(snapshots.list(vm.name()));
            } catch (RuntimeException e) {
                tree = List.of();
                listError = StreamPump.message(e);
            }
            String err = error != null ? error : listError;
            List<SnapshotTree.Node> t = tree;
            boolean listed = listError == null;
            GuiThread.later(gui, () -> {
                loaded = listed || loaded;
                if (listed) {
                    show(t, err == null && select != null ? select : null);
                }
                status.setLines(List.of(err != null ? "failed" : done == null ? "" : done));
                if (err != null) {
                    showError.accept(err);
                }
            });
        });
    }

    private void show(List<SnapshotTree.Node> tree, String select) {
        String keep = select != null ? select : nodes.isEmpty() ? null : nodes.get(selected).snapshot().name();
        nodes = tree;
        selected = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).snapshot().name().equals(keep)) {
                selected = i;
            }
        }
        render();
    }

    private void render() {
        List<String> lines = new ArrayList<>();
        if (nodes.isEmpty()) {
            lines.add(loaded ? "no snapshots of " + vm + " yet (c takes one)" : "");
        } else {
            lines.add(String.format("  %-30s %-9s %s", "SNAPSHOT", "STATE", "TAKEN"));
            int top = Math.max(0, Math.min(selected - (visible - 2), nodes.size() - (visible - 1)));
            for (int i = top; i < nodes.size() && lines.size() < visible; i++) {
                SnapshotTree.Node n = nodes.get(i);
                SnapshotInfo s = n.snapshot();
                String name = "   ".repeat(n.depth()) + (n.depth() == 0 ? "" : "└─ ") + s.name();
                lines.add(Formats.fit(String.format("%s %-30s %-9s %s%s", i == selected ? ">" : " ", name, s.state(),
                        TAKEN.format(s.created()), s.current() ? "  <- current" : ""), width));
            }
        }
        while (lines.size() < visible) {
            lines.add("");
        }
        lines.set(0, Formats.fit(lines.get(0), width) + " ".repeat(Math.max(0, width - lines.get(0).length())));
        rows.setLines(lines);
    }

    @Override
    public void close() {
        worker.shutdown();
        super.close();
    }
}
