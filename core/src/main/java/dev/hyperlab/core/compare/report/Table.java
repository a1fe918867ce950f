package dev.hyperlab.core.compare.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A small table rendered as aligned plain text or as a Markdown pipe table. */
final class Table {
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
