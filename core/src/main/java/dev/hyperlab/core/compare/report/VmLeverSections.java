package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.compare.VmLeverResult;
import dev.hyperlab.core.compare.VmSettings;
import dev.hyperlab.core.model.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The VM levers ({@code compare --vm-levers}) in every report: each lever as its effect on one VM's host
 * cost (MiB and %), the readings behind them, the notes, the CSV rows, and the VM's cell of the primers'
 * Density row.
 */
final class VmLeverSections {
    static final String TITLE = "Per-VM host cost: what the host can switch on";
    static final String INTRO = "Each lever measured in this run, one VM at a time (clones together): the host cost "
            + "of one VM is its QEMU process's PSS, read after ready and a settle time; negative is a saving.";

    private VmLeverSections() {}

    /** One row per lever: without it, with it, the change ({@link #notes} has the figures behind each). */
    static Table effects(CompareSummary s) {
        Table t = new Table("lever", "against", "per VM without", "per VM with", "change");
        s.set().vmLevers().ifPresent(r -> r.effects().forEach(e -> t.row(e.lever(), e.without(),
                Sizes.human(e.withoutBytes()), Sizes.human(e.withBytes()), change(e))));
        return t;
    }

    /** Every reading the levers rest on. */
    static Table readings(CompareSummary s) {
        Table t = new Table("VM", "read", "VMs", "PSS", "RSS", "TCG cache", "ready");
        s.set().vmLevers().ifPresent(r -> r.readings().forEach(x -> t.row(x.setting(), x.stage(), Integer.toString(x.vms()),
                Sizes.human(x.pssBytes()), Sizes.human(x.rssBytes()),
                x.tcgCacheBytes().isPresent() ? Sizes.human(x.tcgCacheBytes().getAsLong()) : "",
                x.ready().map(d -> Fmt.seconds(d.toMillis())).orElse(""))));
        return t;
    }

    /** The intro, each lever's other figures (RSS, ready time, what was shared), then why a lever did not run. */
    static List<String> notes(CompareSummary s) {
        List<String> out = new ArrayList<>();
        s.set().vmLevers().ifPresent(r -> {
            out.add(INTRO);
            r.effects().forEach(e -> out.add(e.lever() + ": " + e.detail() + "."));
            out.addAll(r.notes());
        });
        return out;
    }

    /** "−377 MiB (−38.4 %)". */
    static String change(VmLeverResult.Effect e) {
        long d = e.deltaBytes();
        String bytes = (d < 0 ? "-" : "+") + Sizes.human(Math.abs(d));
        return Double.isNaN(e.deltaPercent()) ? bytes
                : bytes + " (" + String.format(Locale.ROOT, "%+.1f %%", e.deltaPercent()) + ")";
    }

    /**
     * The VM's cell of the primers' Density row: the sweep's count (or projection), then what one VM cost,
     * measured: cold with hyperlab's defaults, as an instant clone, and the clone after KSM.
     */
    static String densityCell(CompareSummary s, String sweep) {
        Optional<VmLeverResult> r = s.set().vmLevers();
        if (r.isEmpty()) {
            return sweep;
        }
        List<String> parts = new ArrayList<>();
        find(r.get(), VmSettings.HYPERLAB.label(), VmLeverResult.Reading.SETTLED)
                .ifPresent(x -> parts.add(Sizes.human(x.pssPerVm()) + " cold"));
        find(r.get(), VmLeverResult.Reading.CLONE, VmLeverResult.Reading.SETTLED)
                .ifPresent(x -> parts.add(Sizes.human(x.pssPerVm()) + " as one of " + x.vms() + " instant clones"));
        find(r.get(), VmLeverResult.Reading.CLONE, VmLeverResult.Reading.KSM_MERGED)
                .ifPresent(x -> parts.add(Sizes.human(x.pssPerVm()) + " after KSM"));
        String levers = "per VM (PSS, measured): " + String.join(", ", parts);
        return parts.isEmpty() ? sweep : sweep.equals("not measured") ? levers : sweep + "; " + levers;
    }

    private static Optional<VmLeverResult.Reading> find(VmLeverResult r, String setting, String stage) {
        return r.readings().stream().filter(x -> x.setting().equals(setting) && x.stage().equals(stage)).findFirst();
    }

    /**
     * CSV rows: {@code vm-lever,vm,LEVER,without|with|change|changePercent,,VALUE,MB|%} per lever, and
     * {@code vm-lever-reading,vm,SETTING (STAGE),pss|rss,VMS,VALUE,MB} per reading (the run column holds
     * how many VMs the reading sums).
     */
    static void csv(CompareSummary s, StringBuilder b) {
        if (s.set().vmLevers().isEmpty()) {
            return;
        }
        VmLeverResult r = s.set().vmLevers().get();
        for (VmLeverResult.Effect e : r.effects()) {
            csvRow(b, "vm-lever", e.lever(), "without", "", mb(e.withoutBytes()), "MB");
            csvRow(b, "vm-lever", e.lever(), "with", "", mb(e.withBytes()), "MB");
            csvRow(b, "vm-lever", e.lever(), "change", "", mb(e.deltaBytes()), "MB");
            if (!Double.isNaN(e.deltaPercent())) {
                csvRow(b, "vm-lever", e.lever(), "changePercent", "", Fmt.plain(e.deltaPercent()), "%");
            }
        }
        for (VmLeverResult.Reading x : r.readings()) {
            String what = x.setting() + " (" + x.stage() + ")";
            csvRow(b, "vm-lever-reading", what, "pss", Integer.toString(x.vms()), mb(x.pssBytes()), "MB");
            csvRow(b, "vm-lever-reading", what, "rss", Integer.toString(x.vms()), mb(x.rssBytes()), "MB");
        }
    }

    private static String mb(long bytes) {
        return Fmt.plain((double) bytes / CompareSummary.MB);
    }

    private static void csvRow(StringBuilder b, String section, String metric, String stat, String run, String value,
                               String unit) {
        b.append(String.join(",", section, "vm", CsvReport.esc(metric), stat, run, value, unit)).append('\n');
    }
}
