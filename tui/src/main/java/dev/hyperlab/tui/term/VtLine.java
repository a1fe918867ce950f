package dev.hyperlab.tui.term;

import java.util.Arrays;

/** One row of a {@link VtScreen}: a code point and a {@link CellStyle} per column. */
public final class VtLine {
    final int[] chars;
    final long[] styles;

    VtLine(int cols, long blank) {
        chars = new int[cols];
        styles = new long[cols];
        Arrays.fill(chars, ' ');
        Arrays.fill(styles, blank);
    }

    public int width() { return chars.length; }

    public int codePoint(int col) { return chars[col]; }

    public long style(int col) { return styles[col]; }

    /** Whether nothing is drawn on the row: only spaces, none of them styled. */
    public boolean isBlank() {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] != ' ' || styles[i] != CellStyle.DEFAULT) {
                return false;
            }
        }
        return true;
    }

    /** The row's text, trailing blanks removed. */
    public String text() {
        int end = chars.length;
        while (end > 0 && chars[end - 1] == ' ') {
            end--;
        }
        return new String(chars, 0, end);
    }
}
