package dev.hyperlab.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import dev.hyperlab.tui.term.CellStyle;
import dev.hyperlab.tui.term.VtLine;
import dev.hyperlab.tui.term.VtParser;
import dev.hyperlab.tui.term.VtScreen;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A guest's serial terminal: its output played on a {@link VtScreen} (so {@code top}, {@code vi}
 * and {@code less} draw as on a real terminal) and drawn cell by cell with colours and attributes.
 * The screen keeps the size the guest assumes (a serial line tells it none: 80x24, the vt220
 * entry's); a shorter pane shows the rows around the cursor, down to the last one drawn when it
 * can (vi's and less's status line is the bottom row), a larger one leaves the rest blank.
 * PgUp and PgDn scroll into the lines that scrolled off the top. GUI thread only.
 */
final class VtView extends AbstractComponent<VtView> implements ScrollPane {
    private final VtScreen screen;
    private final VtParser parser;
    /** How many lines above the screen's top row the view shows; 0 follows the output. */
    private int back;
    /** The scroll-back's count when the user scrolled, so arriving lines do not move what is read. */
    private long anchor;
    private int visibleRows = 1;

    /** @param replies answers to the guest's status queries (cursor position), written back to it */
    VtView(int cols, int rows, int scrollback, Consumer<String> replies) {
        screen = new VtScreen(cols, rows, scrollback);
        parser = new VtParser(screen, replies);
    }

    VtScreen screen() { return screen; }

    @Override public Component component() { return this; }

    @Override
    public void append(byte[] data) {
        parser.feed(data, data.length);
        if (back > 0) { // keep the lines read in place while new ones push the screen on
            long moved = screen.scrollback().added() - anchor;
            anchor += moved;
            back = (int) Math.min(screen.scrollback().size(), back + moved);
        }
        invalidate();
    }

    @Override public boolean following() { return back == 0; }

    @Override
    public void scroll(int lines) {
        back = Math.max(0, Math.min(screen.scrollback().size(), back - lines));
        anchor = screen.scrollback().added();
        invalidate();
    }

    @Override public void page(int direction) { scroll(direction * Math.max(1, visibleRows - 1)); }

    @Override public void toTop() { scroll(-Integer.MAX_VALUE / 2); }

    @Override public void toBottom() { scroll(Integer.MAX_VALUE / 2); }

    @Override
    public String position() {
        int total = screen.scrollback().size() + screen.rows();
        return "line " + (screen.scrollback().size() - back + 1) + " of " + total;
    }

    /** The lines shown from the top of the pane: scroll-back first when scrolled, then the screen's rows. */
    private List<VtLine> shown(int height) {
        List<VtLine> out = new ArrayList<>(height);
        int sb = screen.scrollback().size();
        for (int i = sb - back; i < sb && out.size() < height; i++) {
            out.add(screen.scrollback().get(i));
        }
        int first = back > 0 ? 0 : firstRowAroundCursor(height);
        for (int r = first; r < screen.rows() && out.size() < height; r++) {
            out.add(screen.line(r));
        }
        return out;
    }

    /**
     * The screen's rows from the top when they fit. Else the rows that end at the last one drawn
     * (a full-screen program's status line, where vi shows its mode and the command being typed),
     * or lower to reach the cursor, or higher when the cursor is above them: the cursor is always shown.
     */
    private int firstRowAroundCursor(int height) {
        int last = screen.rows() - 1;
        while (last > 0 && screen.line(last).isBlank()) {
            last--;
        }
        int first = Math.max(last, screen.cursorY()) - height + 1;
        return Math.max(0, Math.min(Math.min(screen.rows() - height, screen.cursorY()), first));
    }

    @Override
    protected ComponentRenderer<VtView> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(VtView c) { return new TerminalSize(screen.cols(), screen.rows()); }

            @Override
            public void drawComponent(TextGUIGraphics g, VtView c) {
                int height = g.getSize().getRows();
                c.visibleRows = Math.max(1, height);
                g.setBackgroundColor(TextColor.ANSI.DEFAULT).setForegroundColor(TextColor.ANSI.DEFAULT);
                g.fill(' ');
                List<VtLine> lines = shown(height);
                int cursorRow = back > 0 || !screen.cursorVisible() ? -1
                        : screen.cursorY() - firstRowAroundCursor(height);
                for (int y = 0; y < lines.size(); y++) {
                    VtLine l = lines.get(y);
                    for (int x = 0; x < Math.min(l.width(), g.getSize().getColumns()); x++) {
                        boolean cursor = y == cursorRow && x == screen.cursorX();
                        g.setCharacter(x, y, cell(l.codePoint(x), l.style(x), cursor));
                    }
                }
            }
        };
    }

    private static TextCharacter cell(int codePoint, long style, boolean cursor) {
        int flags = CellStyle.flags(style);
        List<SGR> sgr = new ArrayList<>(2);
        if ((flags & CellStyle.BOLD) != 0) {
            sgr.add(SGR.BOLD);
        }
        if ((flags & CellStyle.UNDERLINE) != 0) {
            sgr.add(SGR.UNDERLINE);
        }
        if ((flags & CellStyle.ITALIC) != 0) {
            sgr.add(SGR.ITALIC);
        }
        if ((flags & CellStyle.BLINK) != 0) {
            sgr.add(SGR.BLINK);
        }
        if ((flags & CellStyle.STRIKE) != 0) {
            sgr.add(SGR.CROSSED_OUT);
        }
        if (((flags & CellStyle.REVERSE) != 0) != cursor) { // the cursor is a reversed cell
            sgr.add(SGR.REVERSE);
        }
        String ch = (flags & CellStyle.HIDDEN) != 0 || codePoint < 0x20 ? " " : new String(Character.toChars(codePoint));
        return TextCharacter.fromString(ch, color(CellStyle.fg(style)), color(CellStyle.bg(style)),
                sgr.toArray(new SGR[0]))[0];
    }

    private static TextColor color(int c) {
        if (CellStyle.isDefault(c)) {
            return TextColor.ANSI.DEFAULT;
        }
        if (CellStyle.isRgb(c)) {
            int v = CellStyle.rgbValue(c);
            return new TextColor.RGB(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
        }
        int i = CellStyle.index(c);
        if (i < 8) {
            return TextColor.ANSI.values()[i];
        }
        if (i < 16) {
            return TextColor.ANSI.values()[i + 1]; // the bright ones come after DEFAULT
        }
        return new TextColor.Indexed(i);
    }
}
