package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;

/**
 * Shows a {@link TermBuffer}, long lines wrapped: logs and a container's output, read-only (the
 * VM console is a terminal, {@link VtView}). It follows the output (the last line at the bottom)
 * until the user scrolls back; scrolling past the end follows again. GUI thread only.
 */
final class TermView extends AbstractComponent<TermView> implements ScrollPane {
    private final TermBuffer buffer;
    private boolean follow = true;
    /** First line shown when not following, counted from the start (lines dropped included). */
    private long top;
    private int visibleRows = 1;

    TermView(TermBuffer buffer) { this.buffer = buffer; }

    TermBuffer buffer() { return buffer; }

    @Override public com.googlecode.lanterna.gui2.Component component() { return this; }

    @Override
    public void append(byte[] data) {
        buffer.append(data, data.length);
        invalidate();
    }

    /** The buffer changed: redraw. */
    void changed() { invalidate(); }

    @Override public boolean following() { return follow; }

    @Override
    public void scroll(int lines) {
        long first = follow ? Math.max(0, buffer.size() - visibleRows) + buffer.dropped() : top;
        long last = buffer.dropped() + Math.max(0, buffer.size() - visibleRows);
        long next = Math.max(buffer.dropped(), first + lines);
        follow = next >= last;
        top = follow ? last : next;
        invalidate();
    }

    @Override public void page(int direction) { scroll(direction * Math.max(1, visibleRows - 1)); }

    @Override public void toTop() {
        follow = buffer.size() <= visibleRows;
        top = buffer.dropped();
        invalidate();
    }

    @Override public void toBottom() {
        follow = true;
        invalidate();
    }

    @Override
    public String position() {
        long first = follow ? Math.max(0, buffer.size() - visibleRows) : top - buffer.dropped();
        return "line " + (first + 1) + " of " + buffer.size();
    }

    @Override
    protected ComponentRenderer<TermView> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(TermView c) { return new TerminalSize(20, 5); }

            @Override
            public void drawComponent(TextGUIGraphics g, TermView c) {
                int width = Math.max(1, g.getSize().getColumns());
                int height = g.getSize().getRows();
                c.visibleRows = Math.max(1, height);
                g.fill(' ');
                if (c.follow && !fits(c, width, height)) {
                    drawFromBottom(g, c, width, height);
                } else if (c.follow) {
                    drawFrom(g, c, 0, width, height); // short output starts at the top, as on a fresh terminal
                } else {
                    drawFromTop(g, c, width, height);
                }
            }
        };
    }

    private static int rowsOf(String line, int width) {
        return Math.max(1, (line.length() + width - 1) / width);
    }

    /** Whether every line (and the cursor) fits on the screen; counts from the end and stops early. */
    private static boolean fits(TermView c, int width, int height) {
        int rows = 0;
        for (int i = c.buffer.size() - 1; i >= 0 && rows <= height; i--) {
            rows += rowsOf(c.buffer.line(i), width);
        }
        return rows < height; // one row spare: the cursor may wrap past the last line
    }

    private static void drawFromTop(TextGUIGraphics g, TermView c, int width, int height) {
        drawFrom(g, c, (int) Math.max(0, c.top - c.buffer.dropped()), width, height);
    }

    private static void drawFrom(TextGUIGraphics g, TermView c, int first, int width, int height) {
        int i = first;
        for (int y = 0; y < height && i < c.buffer.size(); i++) {
            String line = c.buffer.line(i);
            for (int seg = 0; seg < rowsOf(line, width) && y < height; seg++, y++) {
                g.putString(0, y, line.substring(Math.min(line.length(), seg * width),
                        Math.min(line.length(), (seg + 1) * width)));
            }
        }
    }

    private static void drawFromBottom(TextGUIGraphics g, TermView c, int width, int height) {
        int y = height;
        int last = c.buffer.size() - 1;
        for (int i = last; i >= 0 && y > 0; i--) {
            String line = c.buffer.line(i);
            int rows = rowsOf(line, width);
            y -= rows;
            for (int seg = 0; seg < rows; seg++) {
                int row = y + seg;
                if (row >= 0 && row < height && seg * width < line.length()) {
                    g.putString(0, row, line.substring(seg * width, Math.min(line.length(), (seg + 1) * width)));
                }
            }
        }
    }
}
