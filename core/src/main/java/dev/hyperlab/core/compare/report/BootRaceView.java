package dev.hyperlab.core.compare.report;

import dev.hyperlab.core.compare.Subject;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live "boot race" lines of {@code hyperlab demo}: one column per racer, one row per phase,
 * each cell the host-clock time the phase was reached, "..." while waiting, "-" for phases the kind
 * does not have.
 */
public final class BootRaceView {
    private BootRaceView() {}

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
            if (p == Phase.SSH) {
                continue; // the demo's guests have no NIC
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
