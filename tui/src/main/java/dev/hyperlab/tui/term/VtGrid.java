package dev.hyperlab.tui.term;

/**
 * The rows of one of a {@link VtScreen}'s two screens (the main one or the alternate one) and what
 * erasing, inserting, deleting and scrolling do to their cells. Every operation takes the style the
 * cells it blanks get ({@link CellStyle#erased}), so the grid keeps no cursor or style of its own.
 */
final class VtGrid {
    private final int cols;
    private final VtLine[] lines;

    VtGrid(int cols, int rows) {
        this.cols = cols;
        this.lines = new VtLine[rows];
        for (int i = 0; i < rows; i++) {
            lines[i] = new VtLine(cols, CellStyle.DEFAULT);
        }
    }

    VtLine line(int row) { return lines[row]; }

    int rows() { return lines.length; }

    /** Writes one character; in insert mode the rest of the row moves right first (the last cell falls off). */
    void put(int row, int col, int codePoint, long style, boolean insert) {
        VtLine l = lines[row];
        if (insert) {
            System.arraycopy(l.chars, col, l.chars, col + 1, cols - col - 1);
            System.arraycopy(l.styles, col, l.styles, col + 1, cols - col - 1);
        }
        l.chars[col] = codePoint;
        l.styles[col] = style;
    }

    /** Blanks the columns {@code from} (inclusive) to {@code to} (exclusive) of a row. */
    void blank(int row, int from, int to, long blank) {
        VtLine l = lines[row];
        for (int i = Math.max(0, from); i < Math.min(cols, to); i++) {
            l.chars[i] = ' ';
            l.styles[i] = blank;
        }
    }

    /** Blanks the rows {@code from} (inclusive) to {@code to} (exclusive). */
    void blankRows(int from, int to, long blank) {
        for (int r = from; r < to; r++) {
            blank(r, 0, cols, blank);
        }
    }

    /** ICH: n blanks at {@code col}, the rest of the row moving right and off the edge. */
    void insertCells(int row, int col, int n, long blank) {
        VtLine l = lines[row];
        n = Math.min(Math.max(1, n), cols - col);
        System.arraycopy(l.chars, col, l.chars, col + n, cols - col - n);
        System.arraycopy(l.styles, col, l.styles, col + n, cols - col - n);
        blank(row, col, col + n, blank);
    }

    /** DCH: n cells at {@code col} removed, the rest of the row moving left, blanks coming in at the right. */
    void deleteCells(int row, int col, int n, long blank) {
        VtLine l = lines[row];
        n = Math.min(Math.max(1, n), cols - col);
        System.arraycopy(l.chars, col + n, l.chars, col, cols - col - n);
        System.arraycopy(l.styles, col + n, l.styles, col, cols - col - n);
        blank(row, cols - n, cols, blank);
    }

    /** The rows {@code from}..{@code to} move up n, blank rows coming in at the bottom; those leaving go to {@code keep} unless null. */
    void shiftUp(int from, int to, int n, long blank, Scrollback keep) {
        n = Math.min(Math.max(1, n), to - from + 1);
        for (int i = 0; i < n; i++) {
            if (keep != null) {
                keep.add(lines[from]);
            }
            System.arraycopy(lines, from + 1, lines, from, to - from);
            lines[to] = new VtLine(cols, blank);
        }
    }

    /** The rows {@code from}..{@code to} move down n, blank rows coming in at the top. */
    void shiftDown(int from, int to, int n, long blank) {
        n = Math.min(Math.max(1, n), to - from + 1);
        for (int i = 0; i < n; i++) {
            System.arraycopy(lines, from, lines, from + 1, to - from);
            lines[from] = new VtLine(cols, blank);
        }
    }
}
