package dev.hyperlab.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import java.util.List;

/**
 * Lines of text cut to the width they get, optionally scrolled. Used for the header, banner,
 * detail pane, footer and help; cheaper and more predictable at 80 columns than wrapping labels.
 */
final class LinesView extends AbstractComponent<LinesView> {
    private List<String> lines = List.of();
    private final int rows;
    private int offset;
    private TextColor fg;
    private TextColor bg;
    private boolean bold;
    private String right = "";

    /** @param rows how many rows it asks for; 0 asks for as many as it has lines */
    LinesView(int rows) {
        this.rows = rows;
    }

    LinesView colors(TextColor foreground, TextColor background, boolean boldText) {
        this.fg = foreground;
        this.bg = background;
        this.bold = boldText;
        invalidate();
        return this;
    }

    void setLines(List<String> newLines) {
        if (!newLines.equals(lines)) {
            lines = List.copyOf(newLines);
            offset = Math.min(offset, Math.max(0, lines.size() - 1));
            invalidate();
        }
    }

    List<String> lines() { return lines; }

    /**
     * Text drawn right-aligned on the first row. When space is short the first line (footer hints
     * separated by two spaces) loses whole hints from its end rather than half of one.
     */
    void setRight(String text) {
        if (!text.equals(right)) {
            right = text;
            invalidate();
        }
    }

    void scroll(int delta, int visible) {
        int max = Math.max(0, lines.size() - visible);
        offset = Math.max(0, Math.min(max, offset + delta));
        invalidate();
    }

    /** The line cut at the last two-space gap that leaves room for the right text (whole hints only). */
    static String beforeRight(String line, int room) {
        if (line.length() <= room) {
            return line;
        }
        int cut = line.lastIndexOf("  ", Math.max(0, room));
        return cut > 0 ? line.substring(0, cut) : Formats.fit(line, Math.max(0, room));
    }

    @Override
    protected ComponentRenderer<LinesView> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(LinesView c) {
                int w = c.lines.stream().mapToInt(String::length).max().orElse(1);
                return new TerminalSize(Math.max(1, w), c.rows > 0 ? c.rows : Math.max(1, c.lines.size()));
            }

            @Override
            public void drawComponent(TextGUIGraphics g, LinesView c) {
                if (c.fg != null) {
                    g.setForegroundColor(c.fg);
                }
                if (c.bg != null) {
                    g.setBackgroundColor(c.bg);
                }
                if (c.bold) {
                    g.enableModifiers(SGR.BOLD);
                }
                g.fill(' ');
                int width = g.getSize().getColumns();
                for (int y = 0; y < g.getSize().getRows() && y + c.offset < c.lines.size(); y++) {
                    String line = c.lines.get(y + c.offset);
                    if (y == 0 && !c.right.isEmpty()) {
                        line = beforeRight(line, width - c.right.length());
                    }
                    g.putString(0, y, Formats.fit(line, width));
                }
                if (!c.right.isEmpty() && c.right.length() < width) {
                    g.putString(width - c.right.length(), 0, c.right);
                }
            }
        };
    }
}
