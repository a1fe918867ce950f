package dev.hyperlab.core.compare.report;

/** The terminal report: aligned tables with ASCII bar charts, 100 columns or so. */
public final class TextReport {
    static final int WIDTH = 100;

    private TextReport() {}

    public static String render(CompareSummary s) {
        StringBuilder b = new StringBuilder();
        b.append("hyperlab compare: VM vs containers on this host\n");
        for (String l : Sections.metaLines(s.set().meta())) {
            b.append("  ").append(Fmt.wrap(l, WIDTH - 2, "    ")).append('\n');
        }
        String disclaimer = s.set().meta().disclaimer();
        if (!disclaimer.isEmpty()) {
            b.append("  ").append(Fmt.wrap("NOTE: " + disclaimer, WIDTH - 2, "        ")).append('\n');
        }
        section(b, "Boot: time to ready (lower is better)", Sections.bootBars(s));
        section(b, "Boot phases", Sections.bootPhases(s));
        section(b, "Memory per idle instance (median; host cost bar, lower is better)", Sections.memory(s));
        section(b, "Disk", Sections.disk(s));
        section(b, "Overhead vs bare host (median; higher % is better)", Sections.overhead(s));
        section(b, "Isolation: what each kind can and cannot do", Sections.isolation(s));
        section(b, "Density", Sections.density(s));
        return b.toString();
    }

    private static void section(StringBuilder b, String title, Table t) {
        if (t.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append('\n').append(t.text("  "));
    }
}
