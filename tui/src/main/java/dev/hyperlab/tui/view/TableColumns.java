package dev.hyperlab.tui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A table's columns and how they fit a width. Fixed columns keep their width; flexible ones share
 * what the fixed ones and the one-space gaps leave. When even the flexible columns' minimums do not
 * fit, columns are dropped, lowest drop order first, so a narrow terminal loses whole columns
 * rather than getting every one cut.
 *
 * @param <R> a row
 */
final class TableColumns<R> {
    /** The drop order of a column that always stays. */
    static final int KEEP = 99;

    /**
     * One column.
     *
     * @param width    the width of a fixed column; the minimum of a flexible one
     * @param maxWidth how far a flexible column grows while a later flexible column is shown
     */
    record Column<R>(String title, int width, boolean flexible, int maxWidth, boolean right, int dropOrder,
                     Function<R, String> cell) {
        static <R> Column<R> left(String title, int width, int dropOrder, Function<R, String> cell) {
            return new Column<>(title, width, false, width, false, dropOrder, cell);
        }

        static <R> Column<R> right(String title, int width, int dropOrder, Function<R, String> cell) {
            return new Column<>(title, width, false, width, true, dropOrder, cell);
        }

        static <R> Column<R> flexible(String title, int minWidth, int maxWidth, int dropOrder, Function<R, String> cell) {
            return new Column<>(title, minWidth, true, maxWidth, false, dropOrder, cell);
        }
    }

    private final List<Column<R>> columns;

    /** The same columns with the one at {@code index} replaced (another first column, another name cell). */
    TableColumns<R> replacing(int index, Column<R> column) {
        List<Column<R>> next = new ArrayList<>(columns);
        next.set(index, column);
        return new TableColumns<>(next);
    }

    TableColumns(List<Column<R>> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * The columns shown in {@code width}, each as {index, width}. A flexible column takes what is
     * left up to its maximum, keeping the minimums of the flexible columns after it; the last
     * flexible column shown takes all the rest.
     */
    List<int[]> layout(int width) {
        List<Column<R>> shown = new ArrayList<>(columns);
        while (minimumWidth(shown) > width) {
            Column<R> drop = shown.stream().filter(c -> c.dropOrder() < KEEP)
                    .min((a, b) -> Integer.compare(a.dropOrder(), b.dropOrder())).orElse(null);
            if (drop == null) {
                break;
            }
            shown.remove(drop);
        }
        int left = width - fixedWidth(shown);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Column<R> c = shown.get(i);
            int w = c.width();
            if (c.flexible()) {
                List<Column<R>> later = shown.subList(i + 1, shown.size()).stream().filter(Column::flexible).toList();
                w = later.isEmpty() ? Math.max(c.width(), left)
                        : Math.max(c.width(), Math.min(c.maxWidth(), left - sumOfWidths(later)));
                left -= w;
            }
            out.add(new int[] {columns.indexOf(c), w});
        }
        return out;
    }

    /** One row's text: each cell cut or padded to its column's width, one space between columns. */
    String line(List<int[]> layout, Function<Column<R>, String> text) {
        StringBuilder sb = new StringBuilder();
        for (int[] l : layout) {
            Column<R> c = columns.get(l[0]);
            String s = Formats.fit(text.apply(c), l[1]);
            String pad = " ".repeat(l[1] - s.length());
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c.right() ? pad + s : s + pad);
        }
        return sb.toString();
    }

    /** Width of the fixed columns and of the one-space gaps between all shown columns. */
    private static int fixedWidth(List<? extends Column<?>> cols) {
        return sumOfWidths(cols.stream().filter(c -> !c.flexible()).toList()) + cols.size() - 1;
    }

    /** Width the columns need at the least: fixed widths, flexible minimums, gaps. */
    private static int minimumWidth(List<? extends Column<?>> cols) {
        return sumOfWidths(cols) + cols.size() - 1;
    }

    private static int sumOfWidths(List<? extends Column<?>> cols) {
        return cols.stream().mapToInt(Column::width).sum();
    }
}
