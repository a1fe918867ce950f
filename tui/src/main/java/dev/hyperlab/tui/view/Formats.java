package dev.hyperlab.tui.view;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/** Short, fixed-width renderings of numbers for table cells. */
final class Formats {
    private Formats() {}

    static final String NONE = "-";

    /** 512M, 1.5G, 24G: at most 5 characters. */
    static String memory(long bytes) {
        if (bytes <= 0) {
            return NONE;
        }
        double mib = bytes / (1024.0 * 1024);
        if (mib < 1024) {
            return Math.round(mib) + "M";
        }
        double gib = mib / 1024;
        return gib < 10 ? String.format(Locale.ROOT, "%.1fG", gib) : Math.round(gib) + "G";
    }

    static String percent(OptionalDouble p) {
        return p.isPresent() ? String.format(Locale.ROOT, "%.1f", p.getAsDouble()) : NONE;
    }

    /** 45s, 12m03s, 3h07m, 2d04h. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, s % 86400 / 3600);
    }

    /** Boot phases to one decimal of a second: 96.2s; minutes beyond ten minutes. */
    static String seconds(Duration d) {
        if (d.toMillis() >= 600_000) {
            return duration(d);
        }
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    static String fit(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (s.length() <= width) {
            return s;
        }
        return width == 1 ? s.substring(0, 1) : s.substring(0, width - 1) + "~";
    }
}
