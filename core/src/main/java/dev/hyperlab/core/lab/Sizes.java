package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.HyperlabException;
import java.util.Locale;

/** Parses and prints sizes such as 512M, 1G, 1.5GiB, 1048576 (bytes); binary units throughout. */
public final class Sizes {
    private Sizes() {}

    public static long parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long mult = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> mult = 1;
            }
            if (mult != 1) {
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            double v = Double.parseDouble(s);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return (long) (v * mult);
        } catch (NumberFormatException e) {
            throw HyperlabException.badInput("size '" + text + "' is not valid", "try e.g. 512M or 2G");
        }
    }

    public static String format(long bytes) {
        if (bytes <= 0) {
            return "-";
        }
        if (bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "G";
        }
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + "M";
        }
        return String.format(Locale.ROOT, "%.1fM", bytes / 1048576.0);
    }
}
