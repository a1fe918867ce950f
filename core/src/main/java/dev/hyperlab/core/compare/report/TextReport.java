package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.compare.MeasurementSet;
import java.util.function.IntFunction;

/**
 * The terminal report: aligned tables with ASCII bar charts. {@link #render(CompareSummary)} is the
 * CLI's (about 100 columns, tables as wide as their cells); {@link #render(MeasurementSet, int)} fits
 * a given width, e.g. an 80-column TUI: bars get shorter (or go when there is no room for a useful
 * one) and table cells wrap.
 */
public final class TextReport {
    static final int WIDTH = 100;
    /** A bar shorter than this shows too little to be worth the room. */
    static final int MIN_BAR = 6;
    private static final String INDENT = "  ";
    private static final int UNLIMITED = Integer.MAX_VALUE;

    private TextReport() {}

    public static String render(CompareSummary s) {
        return render(s, WIDTH, UNLIMITED);
    }

    /** The same report in at most {@code width} columns (a single word longer than that still overflows). */
    public static String render(MeasurementSet set, int width) {
        return render(new CompareSummary(set), width, width);
    }

    private static String render(CompareSummary s, int textWidth, int tableWidth) {
        StringBuilder b = new StringBuilder();
        b.append(Fmt.wrap("hyperlab compare: VM vs containers on this host", textWidth, "")).append('\n');
        for (String l : Sections.metaLines(s.set().meta())) {
            b.append(INDENT).append(Fmt.wrap(l, textWidth - 2, "    ")).append('\n');
        }
        String disclaimer = s.set().meta().disclaimer();
        if (!disclaimer.isEmpty()) {
            b.append(INDENT).append(Fmt.wrap("NOTE: " + disclaimer, textWidth - 2, "        ")).append('\n');
        }
        section(b, "Boot: time to ready (lower is better)", bar -> Sections.bootBars(s, bar), tableWidth);
        section(b, "Boot phases", bar -> Sections.bootPhases(s), tableWidth);
        section(b, "Memory per idle instance (median; host cost bar, lower is better)", bar -> Sections.memory(s, bar),
                tableWidth);
        for (String n : Sections.memoryNotes(s)) {
            note(b, n, false, textWidth);
        }
        section(b, "Disk", bar -> Sections.disk(s), tableWidth);
        section(b, "Overhead vs bare host: % of the host's median (higher is better)", bar -> Sections.overheadPivot(s),
                tableWidth);
        section(b, "Overhead vs bare host, every figure (median)", bar -> Sections.overhead(s, bar), tableWidth);
        for (String n : Sections.overheadNotes(s)) {
            note(b, n, false, textWidth);
        }
        section(b, "Isolation: what each kind can and cannot do", bar -> Sections.isolation(s), tableWidth);
        section(b, "Density: instances running at once", bar -> Sections.density(s), tableWidth);
        for (String n : Sections.densityNotes(s)) {
            note(b, n, false, textWidth);
        }
        section(b, VmLeverSections.TITLE, bar -> VmLeverSections.effects(s), tableWidth);
        for (String n : VmLeverSections.notes(s)) {
            note(b, n, false, textWidth);
        }
        section(b, "VM levers: the readings behind them", bar -> VmLeverSections.readings(s), tableWidth);
        return b.toString();
    }

    /** A short explanation under a section's table (skipped when the section is empty). */
    private static void note(StringBuilder b, String text, boolean empty, int width) {
        if (!empty) {
            b.append(INDENT).append(Fmt.wrap(text, width - 2, INDENT)).append('\n');
        }
    }

    /** @param table the section's table with bars of the given width (sections without bars ignore it) */
    private static void section(StringBuilder b, String title, IntFunction<Table> table, int width) {
        Table t = table.apply(Sections.BAR);
        if (t.isEmpty()) {
            return;
        }
        if (width == UNLIMITED) {
            b.append('\n').append(title).append('\n').append(t.text(INDENT));
            return;
        }
        int over = t.width(INDENT) - width;
        if (over > 0) {
            int bar = Sections.BAR - over;
            t = table.apply(bar >= MIN_BAR ? bar : 0); // an empty bar column is left out
        }
        b.append('\n').append(Fmt.wrap(title, width, "")).append('\n').append(t.text(INDENT, width));
    }
}
