package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import dev.hyperlab.tui.labs.LabJobs;
import dev.hyperlab.tui.labs.LabRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live board of a lab's up, as {@code hyperlab up} draws it at a terminal: one row per guest (and
 * network) with where it has got to, on the host clock from the up's start: "creating", each boot
 * phase with its seconds ("started at 1.2 s", "ready at 3.4 s"), "failed: ...". Enter hides it (the up
 * goes on; {@code u} on the lab shows it again); Esc or Ctrl-C asks, then cancels the up. Once the up
 * ended, it says how, and Enter or Esc closes it.
 */
final class LabBoardWindow extends ModalWindow {
    private final LabJobs jobs;
    private final int width;
    private final int screenCols;
    private final int maxLines;
    private final LinesView text = new LinesView(0); // as many rows as it has lines: the board grows with the lab

    LabBoardWindow(LabJobs jobs, int screenCols, int screenRows) {
        super("Lab up", Context.LAB_BOARD);
        this.jobs = jobs;
        this.width = Math.max(40, Math.min(100, screenCols - 6));
        this.screenCols = screenCols;
        this.maxLines = Math.max(8, screenRows - 4);
        Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
        p.addComponent(text);
        setComponent(p);
        render();
    }

    /** Redraws from the job's run: on each change and on the clock. */
    void render() {
        List<String> lines = new ArrayList<>();
        if (jobs.run().isEmpty()) {
            text.setLines(List.of("nothing is being brought up"));
            return;
        }
        LabRun r = jobs.run().get();
        setTitle((r.op() == LabRun.Op.UP ? "up " : "down ") + r.lab());
        long end = r.active() ? jobs.now() : r.endNanos();
        String secs = seconds(Duration.ofNanos(Math.max(0, end - r.startNanos())));
        String head = switch (r.stage()) {
            case RUNNING -> "lab " + r.lab() + ": bringing it up, " + secs;
            case CANCELLING -> "lab " + r.lab() + ": cancelling, " + secs;
            case DONE, FAILED, CANCELLED -> "lab " + r.lab() + ": ended after " + secs;
        };
        lines.add(Formats.fit(head, width) + " ".repeat(Math.max(0, width - head.length()))); // a steady width
        lines.add("");
        int room = maxLines - 7; // head, gaps, up to 3 lines of outcome, keys
        List<LabRun.Row> rows = r.rows();
        if (rows.size() > room) { // a big lab: the latest news, and how many rows are not shown
            rows = rows.stream().sorted(java.util.Comparator.comparingLong(LabRun.Row::atNanos).reversed()).limit(room - 1)
                    .sorted(java.util.Comparator.comparingInt(r.rows()::indexOf)).toList();
            lines.add("(" + (r.rows().size() - rows.size()) + " more, unchanged for longer)");
        }
        for (LabRun.Row row : rows) { // as 'hyperlab up' draws its board: each phase says its own time
            lines.add(Formats.fit(String.format(Locale.ROOT, "%-16s %-8s %s", row.guest(), row.kind(), row.what()), width));
        }
        if (r.rows().isEmpty()) {
            lines.add("checking the file against this host ...");
        }
        lines.add("");
        if (!r.message().isEmpty()) {
            List<String> wrapped = MessageWindow.wrap(r.message(), width);
            lines.addAll(wrapped.subList(0, Math.min(3, wrapped.size())));
        }
        lines.add(r.active() ? KeyMap.footer(Context.LAB_BOARD) + "  (Esc asks first)" : "Enter/Esc: close");
        text.setLines(lines);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    @Override
    void onAction(Action action) {
        LabRun r = jobs.run().orElse(null);
        boolean running = r != null && r.active();
        if (action == Action.CLOSE || !running) {
            close();
        } else if (action == Action.CANCEL && r.stage() == LabRun.Stage.RUNNING) {
            getTextGUI().addWindow(new ConfirmWindow("Cancel the up", "Cancel bringing up lab " + r.lab() + "? No guest "
                    + "is started after this, and a guest being made undoes itself. Guests that are up stay; d in the labs "
                    + "view removes them.", screenCols, jobs::cancel));
        }
    }
}
