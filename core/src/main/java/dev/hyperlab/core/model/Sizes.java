package dev.hyperlab.core.model;

import dev.hyperlab.core.error.UserInput;
import dev.hyperlab.core.error.HyperlabException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes the way users type and read them: {@code 512M}, {@code 2G}, {@code 1.5GiB}, in binary
 * units (K = 1024) throughout, as QEMU, libvirt and Podman use them.
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);
    private static final long MAX = 1L << 50;

    private Sizes() {}

    /**
     * Parses {@code text}; a bare number means {@code defaultUnit} ("M" for memory, "G" for disks,
     * "" for bytes). {@code what} names the option in the error, e.g. "--memory".
     */
    public static long parse(String what, String text, String defaultUnit) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw HyperlabException.badInput("bad " + what + " '" + UserInput.show(text) + "': not a size",
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
        if (v < 1 || v > (double) MAX) {
            throw HyperlabException.badInput("bad " + what + " '" + UserInput.show(text) + "': out of range", "try e.g. 1G");
        }
        return (long) v;
    }

    /** Parses a size where a bare number means bytes. */
    public static long parse(String text) {
        return parse("size", text, "");
    }

    /** For people: "512 B", "1.5 KiB", "4 GiB". */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        if (i == 0) {
            return bytes + " B";
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f %s", v, units[i])
                : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** For tables and for typing back on the command line: "1G", "64M", "1.5M"; "-" for none. */
    public static String compact(long bytes) {
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
