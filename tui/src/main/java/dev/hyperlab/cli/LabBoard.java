package dev.hyperlab.cli;

import dev.hyperlab.core.labrun.LabRunner;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live board of {@code hyperlab up}: one row per guest with where it has got to, on the host
 * clock from the {@code up}'s start. At a terminal the rows are redrawn in place; in a log each
 * change is one line, so CI output stays readable.
 */
final class LabBoard implements LabRunner.Board {
    private final PrintWriter out;
    private final boolean tty;
    private final long t0;
    private final Map<String, String> rows = new LinkedHashMap<>();
    private int drawn;

    LabBoard(PrintWriter out, boolean tty, long t0) {
        this.out = out;
        this.tty = tty;
        this.t0 = t0;
    }

    @Override public synchronized void update(String guest, String kind, String what) {
        String line = String.format("%-16s %-8s %s", guest, kind, what.replace('\n', ' '));
        if (!tty) {
            out.printf("%6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, line);
            out.flush();
            return;
        }
        rows.put(guest, line);
        if (drawn > 0) {
            out.printf("\u001b[%dA", drawn); // back to the board's first row
        }
        for (String r : rows.values()) {
            out.printf("\u001b[2K%s%n", r.length() > 150 ? r.substring(0, 150) : r);
        }
        drawn = rows.size();
        out.flush();
    }
}
