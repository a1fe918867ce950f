package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Lines made for the width the component gets, at draw time: a bar chart or a report laid out for
 * 80 columns is laid out again after a resize without anyone asking. Scrolls; bar runs are coloured
 * ('#' green: reached or measured; "===>" yellow: still growing).
 */
final class ReflowView extends AbstractComponent<ReflowView> {
    private final int rows;
    private IntFunction<List<String>> content = w -> List.of();
    private List<String> drawn = List.of();
    private int offset;
    private int visible = 1;

    /** @param rows how many rows it asks for; 0 for "whatever the layout gives" (a centre component) */
    ReflowView(int rows) {
        this.rows = rows;
    }

    /** Replaces what is drawn; {@code content} gets the width and must be cheap (it runs on every redraw). */
    void setContent(IntFunction<List<String>> newContent) {
        content = newContent;
        invalidate();
    }

    /** Redraws with the current content (whose inputs changed, e.g. the clock). */
    void refresh() { invalidate(); }

    /** The lines of the last draw, for tests. */
    List<String> drawn() { return drawn; }

    void scroll(int delta) {
        offset = Math.max(0, Math.min(Math.max(0, drawn.size() - visible), offset + delta));
        invalidate();
    }

    void scrollTo(int line) {
        offset = 0;
        scroll(line);
    }

    int visibleRows() { return visible; }

    @Override
    protected ComponentRenderer<ReflowView> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(ReflowView c) {
                return new TerminalSize(20, Math.max(1, c.rows));
            }

            @Override
            public void drawComponent(TextGUIGraphics g, ReflowView c) {
                int width = g.getSize().getColumns();
                c.visible = Math.max(1, g.getSize().getRows());
                c.drawn = List.copyOf(c.content.apply(width));
                c.offset = Math.max(0, Math.min(c.offset, Math.max(0, c.drawn.size() - c.visible)));
                g.setBackgroundColor(TextColor.ANSI.DEFAULT).setForegroundColor(TextColor.ANSI.DEFAULT);
                g.fill(' ');
                for (int y = 0; y < c.visible && y + c.offset < c.drawn.size(); y++) {
                    String line = Formats.fit(c.drawn.get(y + c.offset), width);
                    g.putString(0, y, line);
                    paintBars(g, y, line);
                }
            }
        };
    }

    private static void paintBars(TextGUIGraphics g, int y, String line) {
        for (int x = 0; x < line.length(); x++) {
            char ch = line.charAt(x);
            if (ch == '#') {
                g.setForegroundColor(TextColor.ANSI.GREEN).setCharacter(x, y, ch);
            } else if (ch == '=' && growing(line, x)) {
                g.setForegroundColor(TextColor.ANSI.YELLOW).setCharacter(x, y, ch);
            } else if (ch == '>' && x > 0 && line.charAt(x - 1) == '=') {
                g.setForegroundColor(TextColor.ANSI.YELLOW).setCharacter(x, y, ch);
            }
        }
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    /** '=' that is part of a "====>" run (not the '=' of "N = 3"). */
    private static boolean growing(String line, int x) {
        int i = x;
        while (i < line.length() && line.charAt(i) == '=') {
            i++;
        }
        return i < line.length() && line.charAt(i) == '>';
    }
}
