package dev.hyperlab.core.compare.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small table rendered as aligned plain text or as a Markdown pipe table. */
final class Table {
    /** How narrow a column of long words may get when words must be broken to fit. */
    private static final int MIN_BROKEN = 8;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) { this.header = List.of(header); }

    Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    boolean isEmpty() { return rows.isEmpty(); }

    /** Columns of the natural (unwrapped) rendering: the widest cell of each. */
    private int[] naturalWidths() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        return w;
    }

    /** Width of the natural rendering, indent included. */
    int width(String indent) {
        return indent.length() + total(naturalWidths(), allColumns());
    }

    private boolean[] allColumns() {
        boolean[] shown = new boolean[header.size()];
        java.util.Arrays.fill(shown, true);
        return shown;
    }

    private static int total(int[] w, boolean[] shown) {
        int sum = 0;
        int n = 0;
        for (int i = 0; i < w.length; i++) {
            if (shown[i]) {
                sum += w[i];
                n++;
            }
        }
        return sum + 2 * Math.max(0, n - 1);
    }

    /**
     * The table in at most {@code maxWidth} columns: columns with nothing in them are left out, and
     * while it is too wide the widest column that can still give is narrowed by one, its cells then
     * word-wrapped onto more lines. A column never gets narrower than its longest word, so on a very
     * narrow terminal lines can stay longer than asked (the caller cuts them).
     */
    String text(String indent, int maxWidth) {
        int[] w = naturalWidths();
        int[] min = new int[w.length];
        boolean[] shown = new boolean[w.length];
        for (int i = 0; i < w.length; i++) {
            shown[i] = w[i] > 0;
            min[i] = longestWord(header.get(i));
            for (List<String> r : rows) {
                min[i] = Math.max(min[i], longestWord(r.get(i)));
            }
        }
        narrow(w, min, shown, maxWidth - indent.length());
        // Still too wide: long single words (a kernel version, a path) get broken too, down to a floor.
        int[] floor = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            floor[i] = Math.min(min[i], MIN_BROKEN);
        }
        narrow(w, floor, shown, maxWidth - indent.length());
        StringBuilder b = new StringBuilder();
        wrappedLine(b, indent, header, w, shown);
        List<String> rule = new ArrayList<>();
        for (int x : w) {
            rule.add("-".repeat(x));
        }
        line(b, indent, rule, w, shown);
        for (List<String> r : rows) {
            wrappedLine(b, indent, r, w, shown);
        }
        return b.toString();
    }

    /** Narrows the widest column that can still give, by one, until the total fits or none can give. */
    private static void narrow(int[] w, int[] min, boolean[] shown, int maxWidth) {
        while (total(w, shown) > maxWidth) {
            int widest = -1;
            for (int i = 0; i < w.length; i++) {
                if (shown[i] && w[i] > min[i] && (widest < 0 || w[i] > w[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                return;
            }
            w[widest]--;
        }
    }

    private static int longestWord(String s) {
        int max = 0;
        for (String word : s.split(" ")) {
            max = Math.max(max, word.length());
        }
        return max;
    }

    /** One row, as many physical lines as its most wrapped cell needs. */
    private static void wrappedLine(StringBuilder b, String indent, List<String> cells, int[] w, boolean[] shown) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> parts = wrap(cells.get(i), w[i]);
            wrapped.add(parts);
            height = Math.max(height, parts.size());
        }
        for (int y = 0; y < height; y++) {
            List<String> physical = new ArrayList<>();
            for (List<String> parts : wrapped) {
                physical.add(y < parts.size() ? parts.get(y) : "");
            }
            line(b, indent, physical, w, shown);
        }
    }

    /** Word-wraps a cell; a word longer than the column breaks after a '-', '.' or '/' if it can, else anywhere. */
    static List<String> wrap(String cell, int width) {
        if (cell.length() <= width) {
            return List.of(cell);
        }
        List<String> out = new ArrayList<>();
        for (String l : Fmt.wrap(cell, width, "").split("\n")) {
            while (l.length() > width) {
                int cut = width;
                for (int i = width; i > width / 2; i--) {
                    char c = l.charAt(i - 1);
                    if (c == '-' || c == '.' || c == '/') {
                        cut = i;
                        break;
                    }
                }
                out.add(l.substring(0, cut));
                l = l.substring(cut);
            }
            out.add(l);
        }
        return out;
    }

    private static void line(StringBuilder b, String indent, List<String> cells, int[] w, boolean[] shown) {
        StringBuilder l = new StringBuilder(indent);
        boolean first = true;
        for (int i = 0; i < cells.size(); i++) {
            if (!shown[i]) {
                continue;
            }
            l.append(first ? "" : "  ").append(pad(cells.get(i), w[i]));
            first = false;
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    String text(String indent) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, indent, header, w);
        List<String> rule = new ArrayList<>();
        for (int x : w) {
            rule.add("-".repeat(x));
        }
        line(b, indent, rule, w);
        for (List<String> r : rows) {
            line(b, indent, r, w);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String indent, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            l.append(i == 0 ? "" : "  ").append(pad(cells.get(i), w[i]));
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    private static String pad(String s, int w) { return s + " ".repeat(Math.max(0, w - s.length())); }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", header.stream().map(Table::md).toList())).append(" |\n");
        b.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            b.append("| ").append(String.join(" | ", r.stream().map(Table::md).toList())).append(" |\n");
        }
        return b.toString();
    }

    private static String md(String s) { return s.replace("|", "\\|"); }
}
