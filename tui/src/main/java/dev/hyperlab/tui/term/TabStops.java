package dev.hyperlab.tui.term;

import java.util.Arrays;

/** A terminal's tab stops: every 8 columns at power-on, set (HTS) and cleared (TBC) by the guest. */
final class TabStops {
    private final boolean[] stops;

    TabStops(int cols) {
        stops = new boolean[cols];
        for (int i = 8; i < cols; i += 8) {
            stops[i] = true;
        }
    }

    /** The column {@code n} stops right of {@code x} (HT, CHT), the last column at most. */
    int next(int x, int n) {
        for (int i = 0; i < n; i++) {
            do {
                x++;
            } while (x < stops.length - 1 && !stops[x]);
            x = Math.min(x, stops.length - 1);
        }
        return x;
    }

    /** The column {@code n} stops left of {@code x} (CBT), column 0 at least. */
    int previous(int x, int n) {
        for (int i = 0; i < n; i++) {
            do {
                x--;
            } while (x > 0 && !stops[x]);
            x = Math.max(x, 0);
        }
        return x;
    }

    void set(int col) { stops[col] = true; }

    /** TBC: 0 clears the stop at {@code col}, 3 every stop. */
    void clear(int mode, int col) {
        if (mode == 3) {
            Arrays.fill(stops, false);
        } else if (mode == 0) {
            stops[col] = false;
        }
    }
}
