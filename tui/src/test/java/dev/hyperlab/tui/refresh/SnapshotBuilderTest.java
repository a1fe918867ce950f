package dev.hyperlab.tui.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestAddress;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSample;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SnapshotBuilderTest {
    static GuestSummary g(GuestKind kind, String name, GuestState state) {
        return new GuestSummary(kind, name, state, 1, 1 << 30, "debian-12", BootTimeline.empty(), Optional.empty());
    }

    static Fetch fetch(long at, long cpuA, GuestState stateA) {
        return new Fetch(List.of(g(GuestKind.VM, "b", GuestState.RUNNING), g(GuestKind.VM, "a", stateA),
                g(GuestKind.CONTAINER, "a", GuestState.RUNNING)),
                Map.of(new GuestKey(GuestKind.VM, "a"), new GuestSample(cpuA, Optional.empty()),
                        new GuestKey(GuestKind.VM, "b"), new GuestSample(-1, Optional.empty())), at);
    }

    @Test
    void cpuPercentComesFromTwoSamplesAndRowsAreSorted() {
        SnapshotBuilder b = new SnapshotBuilder();
        List<GuestRow> first = b.rows(fetch(1_000_000_000L, 5_000_000_000L, GuestState.RUNNING));
        assertEquals(List.of("vm/a", "vm/b", "ct/a"), first.stream().map(r -> r.key().toString()).toList());
        assertTrue(first.get(0).cpuPercent().isEmpty(), "no rate from one sample");
        // 0.5 s of CPU in 2 s of wall time: 25 % of one core.
        List<GuestRow> second = b.rows(fetch(3_000_000_000L, 5_500_000_000L, GuestState.RUNNING));
        assertEquals(25.0, second.get(0).cpuPercent().getAsDouble(), 1e-9);
        assertTrue(second.get(1).cpuPercent().isEmpty(), "a backend without CPU counters shows no rate");
        assertTrue(second.get(2).cpuPercent().isEmpty(), "no sample, no rate");
    }

    @Test
    @DisplayName("with several hosts, the session's own VMs come first, then each other host's, each by name")
    void ownHostFirst() {
        Fetch f = new Fetch(List.of(g(GuestKind.VM, "lab2:a", GuestState.RUNNING), g(GuestKind.VM, "web", GuestState.RUNNING),
                g(GuestKind.VM, "db", GuestState.RUNNING), g(GuestKind.VM, "lab1:z", GuestState.RUNNING),
                g(GuestKind.CONTAINER, "box", GuestState.RUNNING)), Map.of(), 1L);
        assertEquals(List.of("vm/db", "vm/web", "vm/lab1:z", "vm/lab2:a", "ct/box"),
                new SnapshotBuilder().rows(f).stream().map(r -> r.key().toString()).toList());
    }

    @Test
    void restartedOrStoppedGuestsShowNoRate() {
        SnapshotBuilder b = new SnapshotBuilder();
        b.rows(fetch(1_000_000_000L, 5_000_000_000L, GuestState.RUNNING));
        assertTrue(b.rows(fetch(2_000_000_000L, 1_000L, GuestState.RUNNING)).get(0).cpuPercent().isEmpty());
        assertTrue(b.rows(fetch(3_000_000_000L, 2_000L, GuestState.STOPPED)).get(0).cpuPercent().isEmpty());
    }

    @Test
    @DisplayName("a guest a lab's state names (by kind and name) is in that lab, its lab addresses shown; a VM's SSH "
            + "forward from the same reading")
    void labGuestsCarryTheirLabAndAddresses() {
        LabState lab = new LabState("web-lab", "/srv/web/hyperlab.yaml", "iid", Map.of(), Map.of(
                "a", new LabState.Guest("system", Map.of(), Map.of("lan", "192.168.150.11"), 2.9)));
        Fetch f = new Fetch(List.of(g(GuestKind.VM, "a", GuestState.RUNNING), g(GuestKind.CONTAINER, "a", GuestState.RUNNING),
                g(GuestKind.VM, "b", GuestState.RUNNING)), Map.of(), 1L, List.of(),
                Map.of(new GuestKey(GuestKind.VM, "b"), List.of(GuestAddress.sshForward(2222))));
        Map<String, GuestRow> rows = new SnapshotBuilder().rows(f, List.of(lab)).stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.key().toString(), r -> r));
        assertEquals(Optional.of("web-lab"), rows.get("ct/a").lab());
        assertEquals(List.of(new GuestAddress("lan", "192.168.150.11")), rows.get("ct/a").addresses());
        assertEquals(Optional.empty(), rows.get("vm/a").lab(), "the lab's 'a' is a system container, not this VM");
        assertEquals(List.of(), rows.get("vm/a").addresses());
        assertEquals(List.of(new GuestAddress("ssh", "127.0.0.1:2222")), rows.get("vm/b").addresses());
    }
}
