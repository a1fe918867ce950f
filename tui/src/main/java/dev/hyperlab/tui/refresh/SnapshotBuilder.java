package dev.hyperlab.tui.refresh;

import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestAddress;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns fetches into rows, deriving CPU % from consecutive samples, and puts each guest a lab's
 * state names in its lab with its lab addresses. Not thread-safe: one reload thread.
 */
final class SnapshotBuilder {
    /** VMs, then containers; within each, the session's own host's before another host's HOST:NAME rows. */
    private static final Comparator<GuestRow> ORDER = Comparator
            .comparing((GuestRow r) -> r.summary().kind())
            .thenComparing(r -> dev.hyperlab.tui.data.GuestHost.hostOf(r.summary().name()).orElse(""))
            .thenComparing(r -> r.summary().name());

    private Fetch previous;

    List<GuestRow> rows(Fetch f) {
        return rows(f, List.of());
    }

    List<GuestRow> rows(Fetch f, List<LabState> labs) {
        Map<GuestKey, Member> members = members(labs);
        List<GuestRow> rows = new ArrayList<>(f.guests().size());
        for (GuestSummary g : f.guests()) {
            GuestKey key = new GuestKey(g.kind(), g.name());
            GuestSample now = f.samples().get(key);
            Member m = members.get(key);
            List<GuestAddress> addresses = new ArrayList<>();
            if (m != null) {
                m.guest().addresses().forEach((net, ip) -> addresses.add(new GuestAddress(net, ip)));
            }
            addresses.addAll(f.addresses().getOrDefault(key, List.of()));
            rows.add(new GuestRow(g, cpuPercent(key, g.state(), now, f), now == null ? Optional.empty() : now.uptime(),
                    m == null ? Optional.empty() : Optional.of(m.lab()), addresses));
        }
        rows.sort(ORDER);
        previous = f;
        return rows;
    }

    private record Member(String lab, LabState.Guest guest) {}

    /** Who belongs to which lab: a lab's state names each guest with its kind ("vm", "system", "app"). */
    static Map<GuestKey, Member> members(List<LabState> labs) {
        Map<GuestKey, Member> out = new HashMap<>();
        for (LabState lab : labs) {
            lab.guests().forEach((name, g) -> out.put(GuestKey.ofLabGuest(g.kind(), name), new Member(lab.lab(), g)));
        }
        return out;
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
