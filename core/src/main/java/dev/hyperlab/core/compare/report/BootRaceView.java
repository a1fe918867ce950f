package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live "boot race" of {@code hyperlab demo} and the TUI's compare view: one column per racer,
 * one row per phase, each cell the host-clock time the phase was reached, "..." while waiting, "-"
 * for phases the kind does not have. {@link #render} prints the times; {@link #bars} draws them as
 * bars on one time scale, side by side, for a screen that redraws.
 */
public final class BootRaceView {
    /** Scales a race is drawn on, in seconds: the bars keep their length until the race outgrows one. */
    private static final int[] SCALES = {1, 2, 5, 10, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600};
    /** The longest time label: "... 999.9 s". */
    private static final int LABEL = 11;
    private static final int PHASE = 8;

    private BootRaceView() {}

    /**
     * The race as bars in at most {@code width} columns. A bar runs from the start to the moment the
     * phase was reached ('#'); the phase a guest is waiting for grows with {@code now} ("===>"). All
     * bars share one scale, the smallest of 1, 2, 5, 10, 20, 30 s, 1, 2, 3, 5, 10, ... min that holds
     * everything, so a bar's length compares across kinds. The last line names the scale.
     */
    public static List<String> bars(Map<Subject, BootTimeline> racers, Duration now, int width) {
        List<Subject> kinds = new ArrayList<>(racers.keySet());
        int column = Math.max(LABEL + 4, (width - PHASE - 1) / Math.max(1, kinds.size()));
        int barMax = Math.max(1, column - 2 - 1 - LABEL);
        long scaleMs = scaleSeconds(racers, now) * 1000L;
        List<String> out = new ArrayList<>();
        StringBuilder head = new StringBuilder(pad("phase", PHASE + 1));
        for (Subject k : kinds) {
            head.append(pad(k.title(), column));
        }
        out.add(head.toString().stripTrailing());
        for (Phase p : Phase.values()) {
            if (p == Phase.SSH || kinds.stream().noneMatch(k -> k.phases().contains(p))) {
                continue; // the race's guests have no NIC; a phase no racer passes through gets no row
            }
            StringBuilder row = new StringBuilder(pad(p.label(), PHASE + 1));
            for (Subject k : kinds) {
                row.append(pad(cell(k, racers.get(k), p, now, scaleMs, barMax), column));
            }
            out.add(row.toString().stripTrailing());
        }
        out.add("bars: 0 to " + scaleLabel(scaleMs / 1000) + " on the host clock");
        return out;
    }

    private static String cell(Subject k, BootTimeline t, Phase p, Duration now, long scaleMs, int barMax) {
        if (!k.phases().contains(p)) {
            return "-";
        }
        if (t.has(p)) {
            Duration d = t.at(p).orElseThrow();
            return "#".repeat(Math.max(1, length(d.toMillis(), scaleMs, barMax))) + " " + seconds(d);
        }
        if (!p.equals(next(k, t))) {
            // passed without a marker (a quiet kernel), or further ahead than the phase it waits for
            return t.latest().map(l -> l.compareTo(p) > 0 ? "-" : "").orElse("");
        }
        int n = length(now.toMillis(), scaleMs, barMax);
        return "=".repeat(Math.max(0, n - 1)) + "> ... " + seconds(now);
    }

    /** The phase a guest of kind {@code k} waits for next; null when it is ready. */
    private static Phase next(Subject k, BootTimeline t) {
        Phase latest = t.latest().orElse(null);
        for (Phase p : k.phases()) {
            if (latest == null || p.compareTo(latest) > 0) {
                return p;
            }
        }
        return null;
    }

    private static int length(long millis, long scaleMs, int barMax) {
        return (int) Math.min(barMax, Math.round((double) millis / scaleMs * barMax));
    }

    static long scaleSeconds(Map<Subject, BootTimeline> racers, Duration now) {
        long max = now.toMillis();
        for (BootTimeline t : racers.values()) {
            for (Duration d : t.asMap().values()) {
                max = Math.max(max, d.toMillis());
            }
        }
        for (int s : SCALES) {
            if (s * 1000L >= max) {
                return s;
            }
        }
        return (max + 3_599_999) / 3_600_000 * 3600;
    }

    private static String scaleLabel(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s.substring(0, Math.max(0, w - 2)) + "  " : s + " ".repeat(w - s.length());
    }

    /** Renders the race at {@code now} (time since the start, for the "waiting" cells). */
    public static String render(Map<Subject, BootTimeline> racers, Duration now) {
        List<Subject> kinds = new ArrayList<>(racers.keySet());
        String[] header = new String[kinds.size() + 1];
        header[0] = "phase";
        for (int i = 0; i < kinds.size(); i++) {
            header[i + 1] = kinds.get(i).title();
        }
        Table t = new Table(header);
        for (Phase p : Phase.values()) {
            if (p == Phase.SSH || kinds.stream().noneMatch(k -> k.phases().contains(p))) {
                continue; // the demo's guests have no NIC; a phase no racer passes through gets no row
            }
            String[] row = new String[kinds.size() + 1];
            row[0] = p.label();
            for (int i = 0; i < kinds.size(); i++) {
                Subject k = kinds.get(i);
                BootTimeline tl = racers.get(k);
                if (!k.phases().contains(p)) {
                    row[i + 1] = "-";
                } else if (tl.has(p)) {
                    row[i + 1] = seconds(tl.at(p).orElseThrow());
                } else if (tl.has(Phase.READY)) {
                    row[i + 1] = "-";
                } else {
                    row[i + 1] = "... " + seconds(now);
                }
            }
            t.row(row);
        }
        return t.text("  ");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
