package dev.hyperlab.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import dev.hyperlab.tui.view.TableColumns.Column;
import java.util.List;
import java.util.Optional;

/**
 * A table with one selected row: the column titles in bold, the selected row in cyan, the columns
 * fitted to the width by {@link TableColumns}. Draws only the rows that fit, so a refresh with
 * hundreds of rows costs as much as one with a screenful, and keeps the selection on the same row
 * (by its key) when the rows are replaced. GUI thread only.
 *
 * @param <R> a row
 * @param <K> what identifies a row across refreshes
 */
abstract class SelectableTable<R, K> extends AbstractComponent<SelectableTable<R, K>> {
    private TableColumns<R> columns;
    private List<R> rows = List.of();
    private String emptyText = "";
    private int selected;
    private int top;
    private int visibleRows = 1;
    /** What the last draw put on screen (row text, colour, selection) and at which width; GUI thread. */
    private List<String> drawn;
    private int drawnWidth = -1;

    SelectableTable(TableColumns<R> columns) {
        this.columns = columns;
    }

    abstract K keyOf(R row);

    /** Other columns for the same rows. */
    void setColumns(TableColumns<R> c) {
        if (c != columns) {
            columns = c;
            drawn = null;
            invalidate();
        }
    }

    /** The text of a cell; by default the column's own. */
    String cellText(Column<R> column, R row) {
        return column.cell().apply(row);
    }

    /** The text colour of a row that is not selected. */
    TextColor rowColor(R row) {
        return TextColor.ANSI.DEFAULT;
    }

    /** Replaces the rows, keeping the selection on the same row when it is still there. */
    void setRows(List<R> newRows, String whenEmpty) {
        Optional<K> keep = selectedKey();
        rows = newRows;
        emptyText = whenEmpty;
        selected = Math.max(0, keep.map(this::indexOf).orElse(0));
        clamp();
        // A refresh changes rows every second (CPU %, uptime), mostly rows out of view or cells
        // that read the same: redraw only when what is on screen would change. Drawing costs more
        // than everything else a refresh does with a few hundred guests.
        if (drawn == null || !drawn.equals(onScreen(drawnWidth))) {
            invalidate();
        }
    }

    /** The visible rows as the renderer would draw them at {@code width}, one string each. */
    private List<String> onScreen(int width) {
        List<int[]> layout = columns.layout(width);
        List<String> out = new java.util.ArrayList<>(visibleRows + 1);
        out.add(rows.isEmpty() ? "empty " + emptyText : "rows");
        for (int i = top; i < Math.min(rows.size(), top + visibleRows); i++) {
            R r = rows.get(i);
            out.add((i == selected ? "> " : rowColor(r) + " ") + columns.line(layout, col -> cellText(col, r)));
        }
        return out;
    }

    Optional<R> selectedRow() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(selected));
    }

    Optional<K> selectedKey() { return selectedRow().map(this::keyOf); }

    /** Selects the row of {@code key}; false when it is not (yet) in the table. */
    boolean select(K key) {
        int i = indexOf(key);
        if (i < 0) {
            return false;
        }
        moveTo(i);
        return true;
    }

    private int indexOf(K key) {
        for (int i = 0; i < rows.size(); i++) {
            if (keyOf(rows.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
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

    /** Keeps the selection on a row and scrolls it into view. */
    private void clamp() {
        selected = Math.max(0, Math.min(selected, rows.size() - 1));
        if (selected < top) {
            top = selected;
        } else if (selected >= top + visibleRows) {
            top = selected - visibleRows + 1;
        }
        top = Math.max(0, Math.min(top, Math.max(0, rows.size() - visibleRows)));
    }

    @Override
    protected ComponentRenderer<SelectableTable<R, K>> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(SelectableTable<R, K> c) {
                return new TerminalSize(60, Math.max(3, Math.min(c.rows.size() + 1, 20)));
            }

            @Override
            public void drawComponent(TextGUIGraphics g, SelectableTable<R, K> c) {
                int width = g.getSize().getColumns();
                int height = g.getSize().getRows();
                c.visibleRows = Math.max(1, height - 1);
                c.clamp();
                c.drawn = c.onScreen(width);
                c.drawnWidth = width;
                List<int[]> layout = c.columns.layout(width);
                g.setBackgroundColor(TextColor.ANSI.DEFAULT).setForegroundColor(TextColor.ANSI.DEFAULT);
                g.fill(' ');
                g.enableModifiers(SGR.BOLD);
                g.putString(0, 0, Formats.fit(c.columns.line(layout, Column::title), width));
                g.disableModifiers(SGR.BOLD);
                if (c.rows.isEmpty()) {
                    g.putString(1, 1, Formats.fit(c.emptyText, width - 1));
                    return;
                }
                for (int y = 1; y < height && c.top + y - 1 < c.rows.size(); y++) {
                    int i = c.top + y - 1;
                    R r = c.rows.get(i);
                    String text = c.columns.line(layout, col -> c.cellText(col, r));
                    text = text + " ".repeat(Math.max(0, width - text.length()));
                    if (i == c.selected) {
                        g.setBackgroundColor(TextColor.ANSI.CYAN).setForegroundColor(TextColor.ANSI.BLACK);
                    } else {
                        g.setBackgroundColor(TextColor.ANSI.DEFAULT).setForegroundColor(c.rowColor(r));
                    }
                    g.putString(0, y, Formats.fit(text, width));
                }
            }
        };
    }
}
