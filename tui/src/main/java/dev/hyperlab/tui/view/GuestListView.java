package dev.hyperlab.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.refresh.GuestRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The guest table. Draws only the rows that fit, so a refresh with hundreds of guests costs as
 * much as one with a screenful. Columns are dropped from the right (IP first) when the terminal is
 * narrow, and the name column takes what is left.
 */
final class GuestListView extends AbstractComponent<GuestListView> {

    private record Column(String title, int width, boolean right, int dropOrder, Function<GuestRow, String> cell) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("KIND", 4, false, 99, r -> r.summary().kind().shortName()),
            new Column("NAME", 0, false, 99, r -> r.summary().name()),
            new Column("STATE", 8, false, 99, r -> r.summary().state().label()),
            new Column("CPU", 3, true, 5, r -> Integer.toString(r.summary().vcpus())),
            new Column("MEM", 5, true, 4, r -> Formats.memory(r.summary().memoryBytes())),
            new Column("CPU%", 6, true, 6, r -> Formats.percent(r.cpuPercent())),
            new Column("UPTIME", 6, true, 3, r -> r.uptime().map(Formats::duration).orElse(Formats.NONE)),
            new Column("READY", 7, true, 2, r -> r.summary().timeline().timeToReady().map(Formats::seconds)
                    .orElse(Formats.NONE)),
            new Column("IP", 15, false, 1, r -> r.summary().ip().orElse(Formats.NONE)));
    private static final int MIN_NAME = 10;

    private List<GuestRow> rows = List.of();
    private int selected;
    private int top;
    private int visibleRows = 1;
    private String emptyText = "";
    /** Guests whose boot this session follows: READY shows the phase reached so far instead of "-". */
    private java.util.Set<GuestKey> booting = java.util.Set.of();

    /** Replaces the rows, keeping the selection on the same guest when it is still there. */
    void setRows(List<GuestRow> newRows, String whenEmpty) {
        Optional<GuestKey> keep = selectedKey();
        rows = newRows;
        emptyText = whenEmpty;
        selected = 0;
        if (keep.isPresent()) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).key().equals(keep.get())) {
                    selected = i;
                    break;
                }
            }
        }
        clamp();
        invalidate();
    }

    Optional<GuestRow> selectedRow() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(selected));
    }

    Optional<GuestKey> selectedKey() { return selectedRow().map(GuestRow::key); }

    void setBooting(java.util.Set<GuestKey> keys) {
        if (!keys.equals(booting)) {
            booting = java.util.Set.copyOf(keys);
            invalidate();
        }
    }

    /** Selects the row of {@code key}; false when it is not (yet) in the list. */
    boolean select(GuestKey key) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).key().equals(key)) {
                moveTo(i);
                return true;
            }
        }
        return false;
    }

    int size() { return rows.size(); }

    void move(int delta) {
        selected += delta;
        clamp();
        invalidate();
    }

    void page(int direction) { move(direction * Math.max(1, visibleRows - 1)); }

    void moveTo(int index) {
        selected = index;
        clamp();
        invalidate();
    }

    private void clamp() {
        selected = Math.max(0, Math.min(selected, rows.size() - 1));
        if (selected < top) {
            top = selected;
        } else if (selected >= top + visibleRows) {
            top = selected - visibleRows + 1;
        }
        top = Math.max(0, Math.min(top, Math.max(0, rows.size() - visibleRows)));
    }

    /** The columns that fit in {@code width}, with the name's width resolved. */
    static List<int[]> layout(int width) {
        List<Column> shown = new ArrayList<>(COLUMNS);
        while (fixedWidth(shown) + MIN_NAME > width) {
            Column drop = shown.stream().filter(c -> c.dropOrder < 99)
                    .min((a, b) -> Integer.compare(a.dropOrder, b.dropOrder)).orElse(null);
            if (drop == null) {
                break;
            }
            shown.remove(drop);
        }
        int nameWidth = Math.max(MIN_NAME, width - fixedWidth(shown));
        List<int[]> out = new ArrayList<>();
        for (Column c : shown) {
            out.add(new int[] {COLUMNS.indexOf(c), c.width == 0 ? nameWidth : c.width});
        }
        return out;
    }

    private static int fixedWidth(List<Column> cols) {
        return cols.stream().mapToInt(c -> c.width).sum() + cols.size() - 1; // one space between columns
    }

    static String line(List<int[]> layout, Function<Column, String> text) {
        StringBuilder sb = new StringBuilder();
        for (int[] l : layout) {
            Column c = COLUMNS.get(l[0]);
            String s = Formats.fit(text.apply(c), l[1]);
            String pad = " ".repeat(l[1] - s.length());
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c.right ? pad + s : s + pad);
        }
        return sb.toString();
    }

    @Override
    protected ComponentRenderer<GuestListView> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(GuestListView c) {
                return new TerminalSize(60, Math.max(3, Math.min(c.rows.size() + 1, 20)));
            }

            @Override
            public void drawComponent(TextGUIGraphics g, GuestListView c) {
                int width = g.getSize().getColumns();
                int height = g.getSize().getRows();
                c.visibleRows = Math.max(1, height - 1);
                c.clamp();
                List<int[]> layout = layout(width);
                g.setBackgroundColor(TextColor.ANSI.DEFAULT).setForegroundColor(TextColor.ANSI.DEFAULT);
                g.fill(' ');
                g.enableModifiers(SGR.BOLD);
                g.putString(0, 0, Formats.fit(line(layout, col -> col.title), width));
                g.disableModifiers(SGR.BOLD);
                if (c.rows.isEmpty()) {
                    g.putString(1, 1, Formats.fit(c.emptyText, width - 1));
                    return;
                }
                for (int y = 1; y < height && c.top + y - 1 < c.rows.size(); y++) {
                    int i = c.top + y - 1;
                    GuestRow r = c.rows.get(i);
                    String text = line(layout, col -> c.cell(col, r));
                    text = text + " ".repeat(Math.max(0, width - text.length()));
                    if (i == c.selected) {
                        g.setBackgroundColor(TextColor.ANSI.CYAN).setForegroundColor(TextColor.ANSI.BLACK);
                    } else {
                        g.setBackgroundColor(TextColor.ANSI.DEFAULT).setForegroundColor(colorOf(r.summary()));
                    }
                    g.putString(0, y, Formats.fit(text, width));
                }
            }
        };
    }

    private String cell(Column col, GuestRow r) {
        if (col.title.equals("READY") && booting.contains(r.key()) && !r.summary().timeline().has(Phase.READY)) {
            return r.summary().timeline().latest().map(Phase::label).orElse("...");
        }
        return col.cell.apply(r);
    }

    private static TextColor colorOf(GuestSummary s) {
        GuestState st = s.state();
        return switch (st) {
            case RUNNING -> TextColor.ANSI.GREEN;
            case CRASHED -> TextColor.ANSI.RED;
            case PAUSED, TRANSITIONING -> TextColor.ANSI.YELLOW;
            default -> TextColor.ANSI.DEFAULT;
        };
    }
}
