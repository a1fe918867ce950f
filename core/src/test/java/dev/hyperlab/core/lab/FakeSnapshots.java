package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.SnapshotInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link FakeHypervisor}'s snapshot trees, one per domain, with libvirt's rules (HypervisorContract
 * checks them on both): a snapshot is taken from the current one and becomes current, a revert makes
 * its snapshot current, a deleted snapshot's children hang from its parent.
 */
final class FakeSnapshots {
    private final Map<String, List<SnapshotInfo>> byDomain = new ConcurrentHashMap<>();

    void take(String domain, String snapshot, String description, GuestState state) {
        List<SnapshotInfo> list = byDomain.computeIfAbsent(domain, d -> new CopyOnWriteArrayList<>());
        Optional<String> parent = list.stream().filter(SnapshotInfo::current).map(SnapshotInfo::name).findFirst();
        list.replaceAll(x -> with(x, x.parent(), false));
        list.add(new SnapshotInfo(snapshot, parent, true, libvirtName(state), java.time.Instant.now(),
                description == null ? "" : description));
    }

    List<SnapshotInfo> list(String domain) { return List.copyOf(byDomain.getOrDefault(domain, List.of())); }

    /** Makes {@code snapshot} current; returns the state the domain is in afterwards, the one it was taken in. */
    GuestState revert(String domain, String snapshot) {
        SnapshotInfo to = find(domain, snapshot);
        byDomain.get(domain).replaceAll(x -> with(x, x.parent(), x.name().equals(snapshot)));
        return switch (to.state()) {
            case "running" -> GuestState.RUNNING;
            case "paused" -> GuestState.PAUSED;
            default -> GuestState.STOPPED;
        };
    }

    void delete(String domain, String snapshot) {
        SnapshotInfo s = find(domain, snapshot);
        List<SnapshotInfo> list = byDomain.get(domain);
        list.remove(s);
        list.replaceAll(x -> x.parent().equals(Optional.of(snapshot)) ? with(x, s.parent(), x.current()) : x);
    }

    /** The domain is gone (undefined, migrated away): so is its snapshot metadata. */
    void forget(String domain) { byDomain.remove(domain); }

    private SnapshotInfo find(String domain, String name) {
        return list(domain).stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                new HyperlabException(ErrorCode.NOT_FOUND, "no snapshot named '" + name + "'", null));
    }

    private static SnapshotInfo with(SnapshotInfo x, Optional<String> parent, boolean current) {
        return new SnapshotInfo(x.name(), parent, current, x.state(), x.created(), x.description());
    }

    /** libvirt's name for the state a snapshot was taken in. */
    private static String libvirtName(GuestState s) {
        return switch (s) {
            case RUNNING -> "running";
            case PAUSED -> "paused";
            case CRASHED -> "crashed";
            default -> "shutoff";
        };
    }
}
