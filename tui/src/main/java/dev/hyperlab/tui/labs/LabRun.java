package dev.hyperlab.tui.labs;

import dev.hyperlab.core.labrun.LabRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code up} or {@code down} of the labs view, as the board draws it: immutable, replaced on the
 * GUI thread with each change.
 *
 * @param rows      one per guest (or network, or image) in the order they first reported, with what
 *                  each last said ("creating", "started at 1.2 s", "ready at 3.4 s", "failed: ...")
 * @param endNanos  when it ended; 0 while it runs
 * @param outcomes  what up did with each guest, once it returned
 * @param message   the outcome in one line, or why it failed
 */
public record LabRun(String lab, Op op, Stage stage, List<Row> rows, long startNanos, long endNanos,
                     List<LabRunner.Outcome> outcomes, String message) {
    public enum Op { UP, DOWN }

    public enum Stage { RUNNING, CANCELLING, DONE, FAILED, CANCELLED }

    /** What one guest last reported, and when (the job's clock). */
    public record Row(String guest, String kind, String what, long atNanos) {}

    public LabRun {
        rows = List.copyOf(rows);
        outcomes = List.copyOf(outcomes);
    }

    static LabRun started(String lab, Op op, long now) {
        return new LabRun(lab, op, Stage.RUNNING, List.of(), now, 0, List.of(), "");
    }

    /** Running or being cancelled: Esc then asks to cancel it. */
    public boolean active() { return stage == Stage.RUNNING || stage == Stage.CANCELLING; }

    LabRun report(String guest, String kind, String what, long now) {
        List<Row> r = new ArrayList<>(rows);
        Row row = new Row(guest, kind, what.replace('\n', ' '), now);
        int i = indexOf(guest);
        if (i < 0) {
            r.add(row);
        } else {
            r.set(i, row);
        }
        return new LabRun(lab, op, stage, r, startNanos, endNanos, outcomes, message);
    }

    private int indexOf(String guest) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).guest().equals(guest)) {
                return i;
            }
        }
        return -1;
    }

    LabRun stage(Stage s, String why) { return new LabRun(lab, op, s, rows, startNanos, endNanos, outcomes, why); }

    LabRun ended(Stage s, List<LabRunner.Outcome> o, String why, long now) {
        return new LabRun(lab, op, s, rows, startNanos, now, o, why);
    }
}
