package dev.hyperlab.tui.view;

import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabGuest;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.labs.LabFileEntry;
import dev.hyperlab.tui.labs.LabJobs;
import dev.hyperlab.tui.labs.LabRun;
import dev.hyperlab.tui.labs.LabSummary;
import dev.hyperlab.tui.refresh.GuestRow;
import dev.hyperlab.tui.refresh.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labs view ({@code L} or {@code :labs}): the lab files found here and in the config directory's
 * {@code labs/}, and the labs that are up, one row per lab name, with its state and how many of its
 * guests are up. Which labs are up and which guests run comes with every refresh of the guest list
 * (no call of its own); the files are read when the view opens and on {@code r}. {@code u} brings the
 * selected lab up with a live board, {@code d} takes it down after a question, Enter shows its guests
 * in the list. The up and down run in {@link LabJobs}, so leaving the view leaves them running.
 * Everything here runs on the GUI thread.
 */
final class LabsWindow extends TableWindow {

    private final LabJobs jobs;
    private final MainWindow main;
    private final Runnable openBoard;
    private final LabTable table;
    private final LinesView task = new LinesView(1);
    private final Runnable unlisten;
    private List<LabState> states = List.of();
    private Map<GuestKey, GuestState> live = Map.of();
    private Optional<String> labProblem = Optional.empty();

    LabsWindow(LabJobs jobs, MainWindow main, Runnable openBoard) {
        super("labs", Context.LABS, 4);
        this.jobs = jobs;
        this.main = main;
        this.openBoard = openBoard;
        this.table = new LabTable(jobs::shown, this::stateText);
        lay(table, task);
        detail.setContent(this::detailLines);
        unlisten = main.onSnapshot(this::apply);
    }

    /** The guest list's latest reading: which labs are up, which guests run. */
    private void apply(Snapshot s) {
        Map<GuestKey, GuestState> l = new HashMap<>();
        for (GuestRow r : s.rows()) {
            l.put(r.key(), r.summary().state());
        }
        states = s.labs();
        live = l;
        labProblem = s.labProblem();
        render();
    }

    /** Redraws from the files, the labs' state and the run: after any change, and on the clock while a run goes on. */
    void render() {
        LabJobs.Listing files = jobs.listing();
        List<LabSummary> rows = LabSummary.merge(files.files(), states, live);
        String empty = files.loading() ? "looking for lab files ..."
                : "no lab file here or in the config directory's labs/, and no lab is up: write a hyperlab.yaml";
        table.setRows(rows, empty);
        long up = rows.stream().filter(r -> r.status() == LabSummary.Status.UP).count();
        long partial = rows.stream().filter(r -> r.status() == LabSummary.Status.PARTIAL).count();
        header.setLines(List.of("Labs in " + jobs.location()));
        header.setRight(" " + (files.loading() ? "reading ... " : "") + rows.size() + " lab" + (rows.size() == 1 ? "" : "s")
                + ", " + up + " up" + (partial > 0 ? ", " + partial + " partly" : ""));
        task.setLines(List.of(taskLine()));
        files.error().or(() -> labProblem).ifPresent(p -> showStatus(p));
        detail.refresh();
    }

    /** The lab's state, or what this session is doing to it. */
    private String stateText(LabSummary l) {
        return jobs.run().filter(r -> r.active() && r.lab().equals(l.name()))
                .map(r -> r.op() == LabRun.Op.UP ? "starting" : "removing").orElse(l.status().label());
    }

    private String taskLine() {
        if (jobs.run().isEmpty()) {
            return "";
        }
        LabRun r = jobs.run().get();
        String what = (r.op() == LabRun.Op.UP ? "up " : "down ") + r.lab();
        if (!r.active()) {
            return what + ": " + r.message();
        }
        long ready = r.rows().stream().filter(x -> x.what().startsWith("ready")).count();
        return what + ": " + (r.stage() == LabRun.Stage.CANCELLING ? "cancelling" : "running") + " "
                + Formats.duration(Duration.ofNanos(Math.max(0, jobs.now() - r.startNanos())))
                + (r.op() == LabRun.Op.UP ? ", " + ready + " ready (u shows the board)" : "");
    }

    private List<String> detailLines(int width) {
        Optional<LabSummary> sel = table.selectedRow();
        if (sel.isEmpty()) {
            return List.of();
        }
        LabSummary l = sel.get();
        List<String> out = new ArrayList<>();
        if (l.status() == LabSummary.Status.INVALID) {
            out.addAll(MessageWindow.wrap(l.file().flatMap(LabFileEntry::problem).orElse(""), width));
            return out;
        }
        Optional<LabFile> file = l.file().flatMap(LabFileEntry::lab);
        String from = l.state().map(s -> "up from " + jobs.shown(Path.of(s.file())))
                .orElse(l.upFile().map(f -> "file " + jobs.shown(f)).orElse(""));
        out.add(l.name() + "  " + l.status().label() + "  " + from);
        List<String> guests = new ArrayList<>();
        if (file.isPresent()) {
            for (LabGuest g : file.get().guests()) {
                guests.add(g.name() + " " + g.kind().word() + address(l, g.name()));
            }
        } else {
            l.state().ifPresent(s -> s.guests().forEach((n, g) -> guests.add(n + " " + g.kind() + address(l, n))));
        }
        out.addAll(MessageWindow.wrap("guests: " + String.join(", ", guests), width));
        List<String> nets = new ArrayList<>();
        if (l.state().isPresent()) {
            l.state().get().networks().forEach((n, x) -> nets.add(n + " " + x.subnet() + " (bridge " + x.bridge() + ")"));
        } else {
            file.ifPresent(f -> f.networks().values().forEach(n -> nets.add(n.name() + " "
                    + n.subnet().map(Object::toString).orElse("(a free /24 at up)"))));
        }
        out.addAll(MessageWindow.wrap("networks: " + (nets.isEmpty() ? Formats.NONE : String.join(", ", nets)), width));
        return out;
    }

    /** " 192.168.150.10" when the lab is up and gave the guest an address. */
    private static String address(LabSummary l, String guest) {
        return l.state().map(s -> s.guests().get(guest)).map(g -> g.addresses().values().stream().findFirst()
                .map(a -> " " + a).orElse("")).orElse("");
    }

    // ---- keys ---------------------------------------------------------------------------------

    @Override
    void act(Action a) {
        switch (a) {
            case RELOAD -> jobs.reload();
            case LAB_UP -> withSelected(this::up);
            case LAB_DOWN -> withSelected(this::down);
            case LAB_SHOW_GUESTS -> withSelected(l -> {
                if (l.status() == LabSummary.Status.INVALID) {
                    showStatus(l.name() + " is not a lab as written: it has no guests");
                    return;
                }
                main.showLab(l.name());
                close();
            });
            default -> { }
        }
    }

    private void up(LabSummary l) {
        Optional<LabRun> r = jobs.run();
        if (r.isPresent() && r.get().active() && r.get().op() == LabRun.Op.UP && r.get().lab().equals(l.name())) {
            openBoard.run(); // it is being brought up: show it again
        } else if (jobs.up(l)) {
            openBoard.run();
        }
    }

    private void down(LabSummary l) {
        if (l.state().isEmpty()) {
            showStatus("lab " + l.name() + " is not up: nothing to take down");
            return;
        }
        int guests = l.state().get().guests().size();
        int nets = l.state().get().networks().size();
        getTextGUI().addWindow(new ConfirmWindow("Take lab " + l.name() + " down", "Take lab " + l.name() + " down? Its "
                + guests + " guest" + (guests == 1 ? "" : "s") + " (with their disks and seeds) and " + nets + " network"
                + (nets == 1 ? "" : "s") + " are removed. This cannot be undone.", cols(), () -> jobs.down(l.name())));
    }

    private void withSelected(java.util.function.Consumer<LabSummary> op) {
        table.selectedRow().ifPresentOrElse(op, () -> showStatus("no lab selected"));
    }

    @Override
    public void close() {
        unlisten.run();
        super.close();
    }
}
