package dev.hyperlab.tui.term;

/**
 * The screen of a VT100-style terminal (the subset of xterm that full-screen programs in a guest
 * use through the vt220 and xterm terminfo entries): the main and the alternate {@link VtGrid}, the
 * {@link VtCursor} with its scroll region, the modes (auto-wrap, insert, cursor keys), tab stops,
 * and the lines that scroll off the top of the main screen kept as scroll-back. {@link VtParser}
 * turns the guest's bytes into calls of this class; a view reads it.
 *
 * <p>Not thread-safe: the GUI thread owns it.
 */
public final class VtScreen {
    private final int cols;
    private final int rows;
    private VtGrid main;
    private VtGrid alt;
    /** The one shown: {@link #main} or {@link #alt}. */
    private VtGrid grid;
    private final Scrollback scrollback;
    private VtCursor cursor;
    /** The cursor saved on entering the alternate screen with 1049, given back on leaving it. */
    private VtCursor.Saved savedMain;
    private boolean autoWrap = true;
    private boolean insertMode;
    private boolean cursorVisible = true;
    private boolean applicationCursorKeys;
    private TabStops tabs;

    public VtScreen(int cols, int rows, int scrollbackMax) {
        this.cols = cols;
        this.rows = rows;
        this.scrollback = new Scrollback(scrollbackMax);
        reset();
    }

    /** RIS: everything back to the power-on state, scroll-back kept. */
    void reset() {
        main = new VtGrid(cols, rows);
        alt = new VtGrid(cols, rows);
        grid = main;
        cursor = new VtCursor(cols, rows);
        savedMain = null;
        autoWrap = true;
        insertMode = false;
        cursorVisible = true;
        applicationCursorKeys = false;
        tabs = new TabStops(cols);
    }

    // ---- what a view reads ----------------------------------------------------------------

    public int cols() { return cols; }

    public int rows() { return rows; }

    public VtLine line(int row) { return grid.line(row); }

    public int cursorX() { return cursor.col(); }

    public int cursorY() { return cursor.y; }

    public boolean cursorVisible() { return cursorVisible; }

    public boolean alternateScreen() { return grid == alt; }

    /** Arrow keys send ESC O x instead of ESC [ x (DECCKM, set by vi and less through "keypad transmit"). */
    public boolean applicationCursorKeys() { return applicationCursorKeys; }

    /** The lines that scrolled off the top of the main screen. */
    public Scrollback scrollback() { return scrollback; }

    /** The screen as text, one string a row, trailing blanks removed. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            sb.append(grid.line(r).text()).append('\n');
        }
        return sb.toString();
    }

    // ---- printing and the controls that move the cursor -----------------------------------------

    /** Writes one character at the cursor and moves it on, wrapping at the right margin when auto-wrap is on. */
    void print(int codePoint) {
        if (cursor.wrapPending) {
            if (autoWrap) {
                cursor.x = 0;
                lineFeed();
            }
            cursor.wrapPending = false;
        }
        grid.put(cursor.y, cursor.x, codePoint, cursor.style, insertMode);
        if (cursor.x == cols - 1) {
            cursor.wrapPending = true;
        } else {
            cursor.x++;
        }
    }

    void carriageReturn() {
        cursor.x = 0;
        cursor.wrapPending = false;
    }

    void backspace() {
        if (cursor.wrapPending) {
            cursor.wrapPending = false;
        } else {
            cursor.x = Math.max(0, cursor.x - 1);
        }
    }

    /** LF, VT, FF and IND: down one row, scrolling the region at its bottom. */
    void lineFeed() {
        cursor.wrapPending = false;
        if (cursor.y == cursor.bottom) {
            scrollUp(1);
        } else if (cursor.y < rows - 1) {
            cursor.y++;
        }
    }

    /** RI: up one row, scrolling the region down at its top. */
    void reverseIndex() {
        cursor.wrapPending = false;
        if (cursor.y == cursor.top) {
            scrollDown(1);
        } else if (cursor.y > 0) {
            cursor.y--;
        }
    }

    void tab(int n) {
        cursor.wrapPending = false;
        cursor.x = tabs.next(cursor.x, n);
    }

    void backTab(int n) {
        cursor.wrapPending = false;
        cursor.x = tabs.previous(cursor.x, n);
    }

    void setTab() { tabs.set(cursorX()); }

    /** TBC: 0 clears the stop at the cursor, 3 every stop. */
    void clearTabs(int mode) { tabs.clear(mode, cursorX()); }

    void moveTo(int row, int col) { cursor.moveTo(row, col); }

    void moveToColumn(int col) { cursor.moveToColumn(col); }

    void moveToRow(int row) { cursor.moveTo(row, cursor.x); }

    void moveVertical(int n) { cursor.moveVertical(n); }

    void moveHorizontal(int n) { cursor.moveHorizontal(n); }

    /** The cursor's row as the guest counts it (for the position report). */
    int row() { return cursor.row(); }

    /** DECSC (and the alternate screen's entry): cursor, style and origin mode. */
    void saveCursor() { cursor.save(); }

    void restoreCursor() { cursor.restore(); }

    // ---- erasing, inserting, deleting, scrolling ----------------------------------------------

    private long blank() { return CellStyle.erased(cursor.style); }

    /** ED: 0 from the cursor to the end, 1 from the start to the cursor, 2 everything, 3 the scroll-back. */
    void eraseInDisplay(int mode) {
        switch (mode) {
            case 0 -> {
                eraseInLine(0);
                grid.blankRows(cursor.y + 1, rows, blank());
            }
            case 1 -> {
                eraseInLine(1);
                grid.blankRows(0, cursor.y, blank());
            }
            case 2 -> grid.blankRows(0, rows, blank());
            case 3 -> scrollback.clear();
            default -> { }
        }
    }

    /** EL: 0 from the cursor to the end of the line, 1 from its start to the cursor, 2 the whole line. */
    void eraseInLine(int mode) {
        int cx = cursorX();
        switch (mode) {
            case 0 -> grid.blank(cursor.y, cx, cols, blank());
            case 1 -> grid.blank(cursor.y, 0, cx + 1, blank());
            case 2 -> grid.blank(cursor.y, 0, cols, blank());
            default -> { }
        }
        cursor.wrapPending = false;
    }

    /** ECH: blanks n characters from the cursor, the cursor stays. */
    void eraseCharacters(int n) {
        grid.blank(cursor.y, cursorX(), Math.min(cols, cursorX() + Math.max(1, n)), blank());
        cursor.wrapPending = false;
    }

    /** ICH: n blanks at the cursor, the rest of the line moving right (and off the edge). */
    void insertCharacters(int n) {
        grid.insertCells(cursor.y, cursorX(), n, blank());
        cursor.wrapPending = false;
    }

    /** DCH: n characters at the cursor removed, the rest of the line moving left. */
    void deleteCharacters(int n) {
        grid.deleteCells(cursor.y, cursorX(), n, blank());
        cursor.wrapPending = false;
    }

    /** IL: n blank lines at the cursor's row, inside the scroll region; the cursor goes to column 0. */
    void insertLines(int n) {
        if (cursor.y < cursor.top || cursor.y > cursor.bottom) {
            return;
        }
        grid.shiftDown(cursor.y, cursor.bottom, n, blank());
        carriageReturn();
    }

    /** DL: n lines from the cursor's row removed, the region's lines below moving up. */
    void deleteLines(int n) {
        if (cursor.y < cursor.top || cursor.y > cursor.bottom) {
            return;
        }
        grid.shiftUp(cursor.y, cursor.bottom, n, blank(), null);
        carriageReturn();
    }

    /** SU: the region's lines move up n rows; off the top of the whole main screen they go to the scroll-back. */
    void scrollUp(int n) {
        boolean keep = grid == main && cursor.top == 0;
        grid.shiftUp(cursor.top, cursor.bottom, n, blank(), keep ? scrollback : null);
    }

    /** SD: the region's lines move down n rows, blank lines coming in at its top. */
    void scrollDown(int n) { grid.shiftDown(cursor.top, cursor.bottom, n, blank()); }

    // ---- modes ------------------------------------------------------------------------------

    /** DECSTBM: rows from 1 as the guest sends them; an empty or one-row region is ignored. */
    void setScrollRegion(int topRow, int bottomRow) {
        if (cursor.setMargins(topRow, bottomRow)) {
            cursor.moveTo(0, 0); // DECSTBM homes the cursor (to the region's top in origin mode)
        }
    }

    long style() { return cursor.style; }

    void setStyle(long s) { cursor.style = s; }

    void setAutoWrap(boolean on) { autoWrap = on; }

    void setOriginMode(boolean on) {
        cursor.originMode = on;
        cursor.moveTo(0, 0);
    }

    void setInsertMode(boolean on) { insertMode = on; }

    void setCursorVisible(boolean on) { cursorVisible = on; }

    void setApplicationCursorKeys(boolean on) { applicationCursorKeys = on; }

    /**
     * The alternate screen (xterm's 47, 1047 and 1049): full-screen programs draw there and the
     * shell's screen comes back untouched when they leave. 1049 also saves the cursor and clears.
     */
    void useAlternateScreen(boolean on, boolean saveCursorAndClear) {
        if (on == (grid == alt)) {
            return;
        }
        if (on) {
            if (saveCursorAndClear) {
                savedMain = cursor.save();
            }
            grid = alt;
            if (saveCursorAndClear) {
                grid.blankRows(0, rows, blank());
            }
        } else {
            grid = main;
            if (saveCursorAndClear && savedMain != null) {
                cursor.restore(savedMain);
            }
        }
        cursor.wrapPending = false;
    }
}
