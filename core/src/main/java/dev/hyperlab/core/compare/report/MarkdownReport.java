package dev.hyperlab.core.compare.report;

/**
 * The Markdown report for people: metadata, every measured section, and at the end the primers'
 * VM-vs-container table with this host's figures next to each claim.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(CompareSummary s) {
        StringBuilder b = new StringBuilder("# hyperlab compare: VMs vs containers on this host\n\n");
        for (String l : Sections.metaLines(s.set().meta())) {
            b.append("- ").append(l).append('\n');
        }
        String disclaimer = s.set().meta().disclaimer();
        if (!disclaimer.isEmpty()) {
            b.append("\n> **Note:** ").append(disclaimer).append('\n');
        }
        section(b, "Boot: time to ready", "Median time from the create request to each phase, read on the host.",
                Sections.bootPhases(s));
        section(b, "Memory per idle instance (MB, median)", "", Sections.memory(s));
        if (!Sections.memory(s).isEmpty()) {
            for (String n : Sections.memoryNotes(s)) {
                b.append("\n").append(n).append('\n');
            }
        }
        section(b, "Disk", "", Sections.disk(s));
        section(b, "Overhead vs bare host", "The same sysbench and fio command lines on the host, in each container "
                + "and in the VM (in the shape of Felter et al., IBM 2015): the host's median, then each kind's median "
                + "as a percentage of it; higher is better for all four.", Sections.overheadPivot(s));
        if (!Sections.overheadPivot(s).isEmpty()) {
            b.append("\nEvery figure:\n\n").append(Sections.overhead(s).markdown());
        }
        if (!Sections.overhead(s).isEmpty()) {
            for (String n : Sections.overheadNotes(s)) {
                b.append("\n").append(n).append('\n');
            }
        }
        section(b, "Isolation probes", "One shell script run in each place; namespaces are compared with the host's.",
                Sections.isolation(s));
        section(b, "Density", "", Sections.density(s));
        for (String n : Sections.densityNotes(s)) {
            b.append("\n").append(n).append('\n');
        }
        section(b, VmLeverSections.TITLE, "", VmLeverSections.effects(s));
        for (String n : VmLeverSections.notes(s)) {
            b.append("\n").append(n).append('\n');
        }
        if (s.set().vmLevers().isPresent()) {
            b.append("\nThe readings behind them:\n\n").append(VmLeverSections.readings(s).markdown());
        }
        b.append("\n## The primers' table, measured on this host\n\n");
        b.append(Sections.primers(s).markdown());
        return b.toString();
    }

    private static void section(StringBuilder b, String title, String intro, Table t) {
        if (t.isEmpty()) {
            return;
        }
        b.append("\n## ").append(title).append("\n\n");
        if (!intro.isEmpty()) {
            b.append(intro).append("\n\n");
        }
        b.append(t.markdown());
    }
}
