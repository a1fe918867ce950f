package dev.hyperlab.images;

import java.util.Locale;

/**
 * Progress events and sizes as one line of text, the same for the CLI's stderr and the TUI's
 * progress line: "[  42s] bootstrap running mmdebstrap" for a step, "[   3s] download  37% 12.3 MiB /
 * 33.0 MiB  4.1 MiB/s ETA 0m05s" for a transfer.
 */
public final class ProgressText {
    private ProgressText() {}

    public static String line(Progress p) {
        return p.isTransfer() ? transfer(p)
                : String.format(Locale.ROOT, "[%4ds] %-9s %s", p.elapsed().toSeconds(), p.phase(), p.detail());
    }

    public static String transfer(Progress p) {
        String total = p.total() > 0 ? " / " + size(p.total()) : "";
        String pct = percent(p) >= 0 ? String.format(Locale.ROOT, " %3d%%", percent(p)) : "";
        return String.format(Locale.ROOT, "[%4ds] %-9s%s %s%s  %s/s%s", p.elapsed().toSeconds(), p.phase(), pct,
                size(p.done()), total, size((long) p.rate()), eta(p));
    }

    /** Whole percent done of a transfer with a known total, else -1. */
    public static int percent(Progress p) {
        return p.total() > 0 && p.done() >= 0 ? (int) Math.min(100, p.done() * 100 / p.total()) : -1;
    }

    /** " ETA 0m05s", or empty when unknown. */
    public static String eta(Progress p) {
        return p.eta() == null ? "" : String.format(Locale.ROOT, " ETA %dm%02ds", p.eta().toMinutes(), p.eta().toSecondsPart());
    }

    /** "512 B", "1.5 KiB", "2.0 GiB". */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
