package dev.hyperlab.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import dev.hyperlab.images.ProgressText;
import dev.hyperlab.images.store.ImageListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The images table: the columns of {@code hyperlab image list}. The name and the source share what
 * the fixed columns leave; when the terminal is narrow the source goes first, then the checksum.
 */
final class ImageTable extends AbstractComponent<ImageTable> {

    private record Column(String title, int width, boolean right, int dropOrder, Function<ImageListing, String> cell) {}

    private static final int FLEX = 0;
    private static final List<Column> COLUMNS = List.of(
            new Column("NAME", FLEX, false, 99, l -> l.image().name()),
            new Column("FORMAT", 10, false, 5, l -> l.image().format().label()),
            new Column("VIRTUAL", 9, true, 4, l -> ProgressText.size(l.image().virtualSize())),
            new Column("ON DISK", 9, true, 3, l -> ProgressText.size(l.diskBytes())),
            new Column("SHA256", 12, false, 2, ImageListing::shortSha),
            new Column("GUESTS", 10, false, 6, l -> l.guests().isEmpty() ? Formats.NONE : String.join(",", l.guests())),
            new Column("SOURCE", FLEX, false, 1, l -> l.image().source()));
    private static final int MIN_NAME = 12;
    private static final int MIN_SOURCE = 8;

    private List<ImageListing> rows = List.of();
    private String emptyText = "";
    private int selected;
    private int top;
    private int visibleRows = 1;

    /** Replaces the rows, keeping the selection on the same image when it is still there. */
    void setRows(List<ImageListing> newRows, String whenEmpty) {
        Optional<String> keep = selectedName();
        rows = newRows;
        emptyText = whenEmpty;
        selected = 0;
        keep.ifPresent(name -> {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).image().name().equals(name)) {
                    selected = i;
                }
            }
        });
        clamp();
        invalidate();
    }

    Optional<ImageListing> selectedRow() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(selected));
    }

    Optional<String> selectedName() { return selectedRow().map(l -> l.image().name()); }

    int size() { return rows.size(); }

    void move(int delta) {
        selected += delta;
        clamp();
        invalidate();
    }

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

    /** Column indexes and widths for {@code width}: the flexible name and source share what is left, name first. */
    static List<int[]> layout(int width) {
        Column source = COLUMNS.get(COLUMNS.size() - 1);
        List<Column> shown = new ArrayList<>(COLUMNS);
        while (fixed(shown) + MIN_NAME + (shown.contains(source) ? MIN_SOURCE : 0) > width) {
            Column drop = shown.stream().filter(c -> c.dropOrder < 99)
                    .min((a, b) -> Integer.compare(a.dropOrder, b.dropOrder)).orElse(null);
            if (drop == null) {
                break;
            }
            shown.remove(drop);
        }
        int left = width - fixed(shown);
        int name = shown.contains(source) ? Math.max(MIN_NAME, Math.min(20, left - MIN_SOURCE)) : Math.max(MIN_NAME, left);
        List<int[]> out = new ArrayList<>();
        for (Column c : shown) {
            int w = c.width != FLEX ? c.width : c == source ? Math.max(MIN_SOURCE, left - name) : name;
            out.add(new int[] {COLUMNS.indexOf(c), w});
        }
        return out;
    }

    /** Width of the fixed columns and of the one-space gaps between all shown columns. */
    private static int fixed(List<Column> cols) {
        int sum = 0;
        for (Column c : cols) {
            sum += c.width;
        }
        return sum + cols.size() - 1;
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
    protected ComponentRenderer<ImageTable> createDefaultRenderer() {
        return new ComponentRenderer<>() {
            @Override
            public TerminalSize getPreferredSize(ImageTable c) {
                return new TerminalSize(60, Math.max(3, Math.min(c.rows.size() + 1, 20)));
            }

            @Override
            public void drawComponent(TextGUIGraphics g, ImageTable c) {
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
                    ImageListing r = c.rows.get(i);
                    String text = line(layout, col -> col.cell.apply(r));
                    text = text + " ".repeat(Math.max(0, width - text.length()));
                    if (i == c.selected) {
                        g.setBackgroundColor(TextColor.ANSI.CYAN).setForegroundColor(TextColor.ANSI.BLACK);
                    } else {
                        g.setBackgroundColor(TextColor.ANSI.DEFAULT).setForegroundColor(TextColor.ANSI.DEFAULT);
                    }
                    g.putString(0, y, Formats.fit(text, width));
                }
            }
        };
    }
}
