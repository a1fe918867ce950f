package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.HyperlabException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints byte sizes the way users type them: {@code 512M}, {@code 2G}, {@code 1.5GiB}. */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    /** Binary units (K = 1024); a bare number means {@code defaultUnit} ("M" for memory, "G" for disks). */
    public static long parse(String what, String text, String defaultUnit) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw HyperlabException.badInput("bad " + what + " '" + text + "': not a size",
                    "try a number with a unit, e.g. 512M or 2G");
        }
        String unit = m.group(2).isEmpty() ? defaultUnit : m.group(2).toUpperCase(Locale.ROOT);
        int shift = switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        double v = Double.parseDouble(m.group(1)) * (1L << shift);
        if (v < 1 || v > (double) (1L << 50)) {
            throw HyperlabException.badInput("bad " + what + " '" + text + "': out of range", "try e.g. 1G");
        }
        return (long) v;
    }

    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? bytes + " B" : (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f %s", v, units[i])
                : String.format(Locale.ROOT, "%.1f %s", v, units[i]));
    }
}
