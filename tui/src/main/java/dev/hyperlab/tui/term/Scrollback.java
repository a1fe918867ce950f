package dev.hyperlab.tui.term;

import java.util.ArrayList;
import java.util.List;

/** The lines that scrolled off the top of a {@link VtScreen}'s main screen: the newest {@code max}, oldest first. */
public final class Scrollback {
    private final int max;
    private final List<VtLine> lines = new ArrayList<>();
    /** Index in {@link #lines} of the oldest line: a ring once full, so adding never shifts the list. */
    private int start;
    private long added;

    Scrollback(int max) { this.max = max; }

    void add(VtLine l) {
        added++;
        if (lines.size() < max) {
            lines.add(l);
        } else if (max > 0) {
            lines.set(start, l);
            start = (start + 1) % max;
        }
    }

    void clear() {
        lines.clear();
        start = 0;
    }

    public int size() { return lines.size(); }

    /** Line {@code i}, 0 the oldest kept. */
    public VtLine get(int i) { return lines.get((start + i) % lines.size()); }

    /** How many lines were ever added (a view keeps its place in the scroll-back by it). */
    public long added() { return added; }
}
