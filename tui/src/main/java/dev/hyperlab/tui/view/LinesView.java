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

    /** Text drawn right-aligned on the first row, over the end of the first line when space is short. */
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
                    g.putString(0, y, Formats.fit(c.lines.get(y + c.offset), width));
                }
                if (!c.right.isEmpty() && c.right.length() < width) {
                    g.putString(width - c.right.length(), 0, c.right);
                }
            }
        };
    }
}
