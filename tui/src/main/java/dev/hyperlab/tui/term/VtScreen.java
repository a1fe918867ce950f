package dev.hyperlab.tui.term;

/**
 * The screen of a VT100-style terminal (the subset of xterm that full-screen programs in a guest
 * use through the vt220 and xterm terminfo entries): a grid of cells with a cursor, the current
 * style, a scroll region, automatic wrap at the right margin, an alternate screen, tab stops, and
 * the lines that scroll off the top of the main screen kept as scroll-back. {@link VtParser}
 * turns the guest's bytes into calls of this class.
 *
 * <p>Not thread-safe: the GUI thread owns it.
 */
public final class VtScreen {
    private final int cols;
    private final int rows;
    /** The main screen's rows, the alternate screen's, and the one shown. */
    private VtLine[] main;
    private VtLine[] alt;
    private VtLine[] grid;
    private final Scrollback scrollback;

    private int x;
    private int y;
    /** The cursor stands past the last column: the next character wraps first (DEC's "last column flag"). */
    private boolean wrapPending;
    private long style = CellStyle.DEFAULT;
    private int top;
    private int bottom;
    private boolean autoWrap = true;
    private boolean originMode;
    private boolean insertMode;
    private boolean cursorVisible = true;
    private boolean applicationCursorKeys;
    private TabStops tabs;
    private Saved saved;
    private Saved savedMain;

    private record Saved(int x, int y, long style, boolean originMode, boolean wrapPending) {}

    public VtScreen(int cols, int rows, int scrollbackMax) {
        this.cols = cols;
        this.rows = rows;
        this.scrollback = new Scrollback(scrollbackMax);
        reset();
    }

    /** RIS: everything back to the power-on state, scroll-back kept. */
    public void reset() {
        main = blankRows();
        alt = blankRows();
        grid = main;
        x = 0;
        y = 0;
        wrapPending = false;
        style = CellStyle.DEFAULT;
        top = 0;
        bottom = rows - 1;
        autoWrap = true;
        originMode = false;
        insertMode = false;
        cursorVisible = true;
        applicationCursorKeys = false;
        tabs = new TabStops(cols);
        saved = null;
        savedMain = null;
    }

    // ---- what a view reads ----------------------------------------------------------------

    public int cols() { return cols; }

    public int rows() { return rows; }

    public VtLine line(int row) { return grid[row]; }

    public int cursorX() { return Math.min(x, cols - 1); }

    public int cursorY() { return y; }

    public boolean cursorVisible() { return cursorVisible; }

    public boolean alternateScreen() { return grid == alt; }

    /** Arrow keys send ESC O x instead of ESC [ x (DECCKM, set by vi and less through "keypad transmit"). */
    public boolean applicationCursorKeys() { return applicationCursorKeys; }

    /** The lines that scrolled off the top of the main screen. */
    public Scrollback scrollback() { return scrollback; }

    /** The screen as text, one string a row, trailing blanks removed. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (VtLine l : grid) {
            sb.append(l.text()).append('\n');
        }
        return sb.toString();
    }

    // ---- printing -------------------------------------------------------------------------

    /** Writes one character at the cursor and moves it on, wrapping at the right margin when auto-wrap is on. */
    public void print(int codePoint) {
        if (wrapPending) {
            if (autoWrap) {
                x = 0;
                lineFeed();
            }
            wrapPending = false;
        }
        VtLine l = grid[y];
        if (insertMode) {
            System.arraycopy(l.chars, x, l.chars, x + 1, cols - x - 1);
            System.arraycopy(l.styles, x, l.styles, x + 1, cols - x - 1);
        }
        l.chars[x] = codePoint;
        l.styles[x] = style;
        if (x == cols - 1) {
            wrapPending = true;
        } else {
            x++;
        }
    }

    public void carriageReturn() {
        x = 0;
        wrapPending = false;
    }

    public void backspace() {
        if (wrapPending) {
            wrapPending = false;
        } else {
            x = Math.max(0, x - 1);
        }
    }

    /** LF, VT, FF and IND: down one row, scrolling the region at its bottom. */
    public void lineFeed() {
        wrapPending = false;
        if (y == bottom) {
            scrollUp(1);
        } else if (y < rows - 1) {
            y++;
        }
    }

    /** RI: up one row, scrolling the region down at its top. */
    public void reverseIndex() {
        wrapPending = false;
        if (y == top) {
            scrollDown(1);
        } else if (y > 0) {
            y--;
        }
    }

    public void tab(int n) {
        wrapPending = false;
        x = tabs.next(x, n);
    }

    public void backTab(int n) {
        wrapPending = false;
        x = tabs.previous(x, n);
    }

    public void setTab() { tabs.set(cursorX()); }

    /** TBC: 0 clears the stop at the cursor, 3 every stop. */
    public void clearTabs(int mode) { tabs.clear(mode, cursorX()); }

    // ---- the cursor -----------------------------------------------------------------------

    /** CUP: row and column from 0; relative to the scroll region in origin mode; clamped to the screen. */
    public void moveTo(int row, int col) {
        int minRow = originMode ? top : 0;
        int maxRow = originMode ? bottom : rows - 1;
        y = clamp(row + minRow, minRow, maxRow);
        x = clamp(col, 0, cols - 1);
        wrapPending = false;
    }

    public void moveToColumn(int col) {
        x = clamp(col, 0, cols - 1);
        wrapPending = false;
    }

    public void moveToRow(int row) { moveTo(row, x); }

    /** CUU/CUD: up or down, stopping at the scroll region's edge when the cursor is inside it. */
    public void moveVertical(int n) {
        int lo = y >= top ? top : 0;
        int hi = y <= bottom ? bottom : rows - 1;
        y = clamp(y + n, lo, hi);
        wrapPending = false;
    }

    public void moveHorizontal(int n) {
        x = clamp(cursorX() + n, 0, cols - 1);
        wrapPending = false;
    }

    public int row() { return originMode ? y - top : y; }

    /** DECSC (and the alternate screen's entry): cursor, style and origin mode. */
    public void saveCursor() { saved = new Saved(x, y, style, originMode, wrapPending); }

    public void restoreCursor() {
        if (saved == null) {
            moveTo(0, 0);
            return;
        }
        x = saved.x();
        y = saved.y();
        style = saved.style();
        originMode = saved.originMode();
        wrapPending = saved.wrapPending();
    }

    // ---- erasing, inserting, deleting ------------------------------------------------------

    /** ED: 0 from the cursor to the end, 1 from the start to the cursor, 2 everything, 3 the scroll-back. */
    public void eraseInDisplay(int mode) {
        switch (mode) {
            case 0 -> {
                eraseInLine(0);
                for (int r = y + 1; r < rows; r++) {
                    blank(grid[r], 0, cols);
                }
            }
            case 1 -> {
                eraseInLine(1);
                for (int r = 0; r < y; r++) {
                    blank(grid[r], 0, cols);
                }
            }
            case 2 -> {
                for (VtLine l : grid) {
                    blank(l, 0, cols);
                }
            }
            case 3 -> scrollback.clear();
            default -> { }
        }
    }

    /** EL: 0 from the cursor to the end of the line, 1 from its start to the cursor, 2 the whole line. */
    public void eraseInLine(int mode) {
        VtLine l = grid[y];
        int cx = cursorX();
        switch (mode) {
            case 0 -> blank(l, cx, cols);
            case 1 -> blank(l, 0, cx + 1);
            case 2 -> blank(l, 0, cols);
            default -> { }
        }
        wrapPending = false;
    }

    /** ECH: blanks n characters from the cursor, the cursor stays. */
    public void eraseCharacters(int n) {
        blank(grid[y], cursorX(), Math.min(cols, cursorX() + Math.max(1, n)));
        wrapPending = false;
    }

    /** ICH: n blanks at the cursor, the rest of the line moving right (and off the edge). */
    public void insertCharacters(int n) {
        VtLine l = grid[y];
        int cx = cursorX();
        n = Math.min(Math.max(1, n), cols - cx);
        System.arraycopy(l.chars, cx, l.chars, cx + n, cols - cx - n);
        System.arraycopy(l.styles, cx, l.styles, cx + n, cols - cx - n);
        blank(l, cx, cx + n);
        wrapPending = false;
    }

    /** DCH: n characters at the cursor removed, the rest of the line moving left. */
    public void deleteCharacters(int n) {
        VtLine l = grid[y];
        int cx = cursorX();
        n = Math.min(Math.max(1, n), cols - cx);
        System.arraycopy(l.chars, cx + n, l.chars, cx, cols - cx - n);
        System.arraycopy(l.styles, cx + n, l.styles, cx, cols - cx - n);
        blank(l, cols - n, cols);
        wrapPending = false;
    }

    /** IL: n blank lines at the cursor's row, inside the scroll region; the cursor goes to column 0. */
    public void insertLines(int n) {
        if (y < top || y > bottom) {
            return;
        }
        shiftDown(y, bottom, n);
        x = 0;
        wrapPending = false;
    }

    /** DL: n lines from the cursor's row removed, the region's lines below moving up. */
    public void deleteLines(int n) {
        if (y < top || y > bottom) {
            return;
        }
        shiftUp(y, bottom, n, false);
        x = 0;
        wrapPending = false;
    }

    /** SU: the region's lines move up n rows; off the top of the whole main screen they go to the scroll-back. */
    public void scrollUp(int n) {
        shiftUp(top, bottom, n, grid == main && top == 0);
    }

    /** SD: the region's lines move down n rows, blank lines coming in at its top. */
    public void scrollDown(int n) { shiftDown(top, bottom, n); }

    private void shiftUp(int from, int to, int n, boolean keep) {
        n = Math.min(Math.max(1, n), to - from + 1);
        for (int i = 0; i < n; i++) {
            VtLine gone = grid[from];
            if (keep) {
                scrollback.add(gone);
            }
            System.arraycopy(grid, from + 1, grid, from, to - from);
            grid[to] = new VtLine(cols, CellStyle.erased(style));
        }
    }

    private void shiftDown(int from, int to, int n) {
        n = Math.min(Math.max(1, n), to - from + 1);
        for (int i = 0; i < n; i++) {
            System.arraycopy(grid, from, grid, from + 1, to - from);
            grid[from] = new VtLine(cols, CellStyle.erased(style));
        }
    }

    private void blank(VtLine l, int from, int to) {
        long blank = CellStyle.erased(style);
        for (int i = Math.max(0, from); i < Math.min(cols, to); i++) {
            l.chars[i] = ' ';
            l.styles[i] = blank;
        }
    }

    // ---- modes ------------------------------------------------------------------------------

    /** DECSTBM: rows from 1 as the guest sends them; an empty or one-row region means the whole screen. */
    public void setScrollRegion(int topRow, int bottomRow) {
        int t = Math.max(1, topRow) - 1;
        int b = bottomRow <= 0 ? rows - 1 : Math.min(rows, bottomRow) - 1;
        if (t >= b) {
            return;
        }
        top = t;
        bottom = b;
        moveTo(0, 0); // DECSTBM homes the cursor (to the region's top in origin mode)
    }

    public long style() { return style; }

    public void setStyle(long s) { style = s; }

    public void setAutoWrap(boolean on) { autoWrap = on; }

    public void setOriginMode(boolean on) {
        originMode = on;
        moveTo(0, 0);
    }

    public void setInsertMode(boolean on) { insertMode = on; }

    public void setCursorVisible(boolean on) { cursorVisible = on; }

    public void setApplicationCursorKeys(boolean on) { applicationCursorKeys = on; }

    /**
     * The alternate screen (xterm's 47, 1047 and 1049): full-screen programs draw there and the
     * shell's screen comes back untouched when they leave. 1049 also saves the cursor and clears.
     */
    public void useAlternateScreen(boolean on, boolean saveCursorAndClear) {
        if (on == (grid == alt)) {
            return;
        }
        if (on) {
            if (saveCursorAndClear) {
                saveCursor();
                savedMain = saved;
            }
            grid = alt;
            if (saveCursorAndClear) {
                for (VtLine l : grid) {
                    blank(l, 0, cols);
                }
            }
        } else {
            grid = main;
            if (saveCursorAndClear && savedMain != null) {
                saved = savedMain;
                restoreCursor();
            }
        }
        wrapPending = false;
    }

    private VtLine[] blankRows() {
        VtLine[] out = new VtLine[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = new VtLine(cols, CellStyle.DEFAULT);
        }
        return out;
    }

    private static int clamp(int v, int lo, int hi) { return Math.max(lo, Math.min(hi, v)); }
}
