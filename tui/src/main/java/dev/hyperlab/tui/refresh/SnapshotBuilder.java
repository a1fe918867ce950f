package dev.hyperlab.tui.refresh;

import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Turns fetches into rows, deriving CPU % from consecutive samples. Not thread-safe: one reload thread. */
final class SnapshotBuilder {
    private static final Comparator<GuestRow> ORDER = Comparator
            .comparing((GuestRow r) -> r.summary().kind())
            .thenComparing(r -> r.summary().name());

    private Fetch previous;

    List<GuestRow> rows(Fetch f) {
        List<GuestRow> rows = new ArrayList<>(f.guests().size());
        for (GuestSummary g : f.guests()) {
            GuestKey key = new GuestKey(g.kind(), g.name());
            GuestSample now = f.samples().get(key);
            rows.add(new GuestRow(g, cpuPercent(key, g.state(), now, f),
                    now == null ? Optional.empty() : now.uptime()));
        }
        rows.sort(ORDER);
        previous = f;
        return rows;
    }

    private OptionalDouble cpuPercent(GuestKey key, GuestState state, GuestSample now, Fetch f) {
        if (previous == null || now == null || state != GuestState.RUNNING || now.cpuTimeNanos() < 0) {
            return OptionalDouble.empty();
        }
        Map<GuestKey, GuestSample> prev = previous.samples();
        GuestSample before = prev.get(key);
        long wall = f.takenAtNanos() - previous.takenAtNanos();
        if (before == null || wall <= 0 || now.cpuTimeNanos() < before.cpuTimeNanos()) {
            return OptionalDouble.empty(); // new guest, or restarted: its counter began again
        }
        return OptionalDouble.of(100.0 * (now.cpuTimeNanos() - before.cpuTimeNanos()) / wall);
    }
}
