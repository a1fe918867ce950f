package dev.hyperlab.tui.term;

/** SGR (CSI ... m): the style of the characters printed next, applied to a {@link VtScreen}. */
final class Sgr {
    private Sgr() {}

    static void apply(VtScreen screen, int[] p, int n) {
        long s = screen.style();
        for (int i = 0; i < n; i++) {
            int v = p[i];
            switch (v) {
                case 0 -> s = CellStyle.DEFAULT;
                case 1 -> s = CellStyle.with(s, CellStyle.BOLD, true);
                case 2 -> s = CellStyle.with(s, CellStyle.DIM, true);
                case 3 -> s = CellStyle.with(s, CellStyle.ITALIC, true);
                case 4 -> s = CellStyle.with(s, CellStyle.UNDERLINE, true);
                case 5, 6 -> s = CellStyle.with(s, CellStyle.BLINK, true);
                case 7 -> s = CellStyle.with(s, CellStyle.REVERSE, true);
                case 8 -> s = CellStyle.with(s, CellStyle.HIDDEN, true);
                case 9 -> s = CellStyle.with(s, CellStyle.STRIKE, true);
                case 21, 22 -> s = CellStyle.with(CellStyle.with(s, CellStyle.BOLD, false), CellStyle.DIM, false);
                case 23 -> s = CellStyle.with(s, CellStyle.ITALIC, false);
                case 24 -> s = CellStyle.with(s, CellStyle.UNDERLINE, false);
                case 25 -> s = CellStyle.with(s, CellStyle.BLINK, false);
                case 27 -> s = CellStyle.with(s, CellStyle.REVERSE, false);
                case 28 -> s = CellStyle.with(s, CellStyle.HIDDEN, false);
                case 29 -> s = CellStyle.with(s, CellStyle.STRIKE, false);
                case 39 -> s = CellStyle.withFg(s, CellStyle.DEFAULT_COLOR);
                case 49 -> s = CellStyle.withBg(s, CellStyle.DEFAULT_COLOR);
                case 38, 48 -> {
                    int[] color = new int[1];
                    i = extended(p, n, i, color);
                    if (color[0] >= 0) {
                        s = v == 38 ? CellStyle.withFg(s, color[0]) : CellStyle.withBg(s, color[0]);
                    }
                }
                default -> {
                    if (v >= 30 && v <= 37) {
                        s = CellStyle.withFg(s, CellStyle.indexed(v - 30));
                    } else if (v >= 40 && v <= 47) {
                        s = CellStyle.withBg(s, CellStyle.indexed(v - 40));
                    } else if (v >= 90 && v <= 97) {
                        s = CellStyle.withFg(s, CellStyle.indexed(v - 90 + 8));
                    } else if (v >= 100 && v <= 107) {
                        s = CellStyle.withBg(s, CellStyle.indexed(v - 100 + 8));
                    }
                }
            }
        }
        screen.setStyle(s);
    }

    /** 38;5;N or 38;2;R;G;B (and 48): the colour into {@code out[0]} (-1 when malformed); returns the last index used. */
    private static int extended(int[] p, int n, int i, int[] out) {
        out[0] = -1;
        if (i + 2 < n && p[i + 1] == 5) {
            out[0] = CellStyle.indexed(p[i + 2]);
            return i + 2;
        }
        if (i + 4 < n && p[i + 1] == 2) {
            out[0] = CellStyle.rgb(p[i + 2], p[i + 3], p[i + 4]);
            return i + 4;
        }
        return n; // malformed: the rest of the sequence is dropped
    }
}
