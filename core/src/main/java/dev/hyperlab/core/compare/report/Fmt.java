package dev.hyperlab.core.compare.report;

import java.util.Locale;

/** Number formatting shared by the renderers; always Locale.ROOT so reports do not vary by locale. */
final class Fmt {
    private Fmt() {}

    static String seconds(double millis) {
        return millis >= 10_000 ? String.format(Locale.ROOT, "%.0f s", millis / 1000)
                : String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }

    static String mb(double mb) {
        return mb >= 100 ? String.format(Locale.ROOT, "%.0f MB", mb) : String.format(Locale.ROOT, "%.1f MB", mb);
    }

    static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String pct(double v) { return String.format(Locale.ROOT, "%.1f %%", v); }

    /** Exact enough for machines: up to 3 decimals, no exponent. */
    static String plain(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** An ASCII bar of {@code width} cells at most, '#' filled, proportional to value/max. */
    static String bar(double value, double max, int width) {
        if (max <= 0 || value <= 0 || width <= 0) {
            return "";
        }
        int n = (int) Math.round(value / max * width);
        return "#".repeat(Math.max(1, Math.min(width, n)));
    }

    /** Word-wraps {@code text} to {@code width} columns; continuation lines get {@code indent}. */
    static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (col > 0 && col + 1 + word.length() > width) {
                out.append('\n').append(indent);
                col = indent.length();
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }
}
