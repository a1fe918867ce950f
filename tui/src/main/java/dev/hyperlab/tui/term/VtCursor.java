package dev.hyperlab.tui.term;

/**
 * Where a {@link VtScreen} writes next and how: the position, DEC's pending wrap, the style, origin
 * mode, the top and bottom margins (the scroll region) that bound its moves, and the copy DECSC
 * saves. Moves are clamped as a VT100 clamps them.
 */
final class VtCursor {
    private final int cols;
    private final int rows;
    int x;
    int y;
    /** The cursor stands past the last column: the next character wraps first (DEC's "last column flag"). */
    boolean wrapPending;
    long style = CellStyle.DEFAULT;
    boolean originMode;
    /** The scroll region's first and last rows, from 0. */
    int top;
    int bottom;
    private Saved saved;

    /** What DECSC keeps: position, style, origin mode and the pending wrap. */
    record Saved(int x, int y, long style, boolean originMode, boolean wrapPending) {}

    VtCursor(int cols, int rows) {
        this.cols = cols;
        this.rows = rows;
        this.bottom = rows - 1;
    }

    int col() { return Math.min(x, cols - 1); }

    /** The row as the guest counts it: relative to the region in origin mode. */
    int row() { return originMode ? y - top : y; }

    /** CUP: row and column from 0; relative to the scroll region in origin mode; clamped to the screen. */
    void moveTo(int row, int col) {
        int minRow = originMode ? top : 0;
        int maxRow = originMode ? bottom : rows - 1;
        y = clamp(row + minRow, minRow, maxRow);
        x = clamp(col, 0, cols - 1);
        wrapPending = false;
    }

    void moveToColumn(int col) {
        x = clamp(col, 0, cols - 1);
        wrapPending = false;
    }

    /** CUU/CUD: up or down, stopping at the scroll region's edge when the cursor is inside it. */
    void moveVertical(int n) {
        int lo = y >= top ? top : 0;
        int hi = y <= bottom ? bottom : rows - 1;
        y = clamp(y + n, lo, hi);
        wrapPending = false;
    }

    void moveHorizontal(int n) {
        x = clamp(col() + n, 0, cols - 1);
        wrapPending = false;
    }

    /** DECSTBM: rows from 1 as the guest sends them; an empty or one-row region changes nothing. */
    boolean setMargins(int topRow, int bottomRow) {
        int t = Math.max(1, topRow) - 1;
        int b = bottomRow <= 0 ? rows - 1 : Math.min(rows, bottomRow) - 1;
        if (t >= b) {
            return false;
        }
        top = t;
        bottom = b;
        return true;
    }

    Saved save() {
        saved = new Saved(x, y, style, originMode, wrapPending);
        return saved;
    }

    /** DECRC from {@code s}, which becomes the saved copy; home when nothing was saved. */
    void restore(Saved s) {
        if (s == null) {
            moveTo(0, 0);
            return;
        }
        saved = s;
        x = s.x();
        y = s.y();
        style = s.style();
        originMode = s.originMode();
        wrapPending = s.wrapPending();
    }

    void restore() { restore(saved); }

    private static int clamp(int v, int lo, int hi) { return Math.max(lo, Math.min(hi, v)); }
}
