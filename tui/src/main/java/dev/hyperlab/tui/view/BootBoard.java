package dev.hyperlab.tui.view;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.refresh.GuestRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The boots this session started and follows, as the GUI thread knows them: the boot window
 * shows them, and the list shows their live timeline in the guests' rows after the window closed.
 * GUI thread only; boot threads post their news here with invokeLater.
 */
final class BootBoard {
    /**
     * One boot.
     *
     * @param t0       {@link System#nanoTime()} when the user pressed Create
     * @param step     what the service does before the guest exists
     * @param error    why it failed, or null
     * @param endNanos when it finished (ready or failed), 0 while it runs
     */
    record Boot(GuestKey key, long t0, List<Phase> phases, BootTimeline timeline, String step, String error,
                long endNanos) {
        boolean done() { return endNanos != 0; }

        boolean failed() { return error != null; }

        Duration elapsed(long now) { return Duration.ofNanos((done() ? endNanos : now) - t0); }

        Boot step(String s) { return new Boot(key, t0, phases, timeline, s, error, endNanos); }

        Boot timeline(BootTimeline t) { return new Boot(key, t0, phases, t, step, error, endNanos); }

        Boot finished(BootTimeline t, long now) { return new Boot(key, t0, phases, t, step, null, now); }

        Boot failed(String why, long now) { return new Boot(key, t0, phases, timeline, step, why, now); }
    }

    private final Map<GuestKey, Boot> boots = new LinkedHashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();

    /** The phases shown for a kind: kernel only for VMs, ssh only with a NIC to reach it through. */
    static List<Phase> phases(GuestKind kind, boolean ssh) {
        List<Phase> out = new ArrayList<>(List.of(Phase.CREATED, Phase.STARTED));
        if (kind == GuestKind.VM) {
            out.add(Phase.KERNEL);
        }
        out.add(Phase.INIT);
        out.add(Phase.READY);
        if (ssh) {
            out.add(Phase.SSH);
        }
        return out;
    }

    void put(Boot b) {
        boots.put(b.key(), b);
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }

    Optional<Boot> get(GuestKey key) { return Optional.ofNullable(boots.get(key)); }

    void update(GuestKey key, java.util.function.UnaryOperator<Boot> change) {
        Boot b = boots.get(key);
        if (b != null) {
            put(change.apply(b));
        }
    }

    /** Boots still running: the list marks them in the READY column. */
    Map<GuestKey, BootTimeline> running() {
        Map<GuestKey, BootTimeline> out = new LinkedHashMap<>();
        boots.values().stream().filter(b -> !b.done()).forEach(b -> out.put(b.key(), b.timeline()));
        return out;
    }

    /** The guests this session creates that have not reached "created" yet: quitting now would leave parts behind. */
    List<String> beingCreated() {
        List<String> out = new ArrayList<>();
        running().forEach((key, timeline) -> {
            if (!timeline.has(Phase.CREATED)) {
                out.add(key.toString());
            }
        });
        return out;
    }

    /** The live timeline of a guest this session booted, to show instead of an older one. */
    Optional<BootTimeline> timeline(GuestKey key) {
        Boot b = boots.get(key);
        return b == null || b.timeline().asMap().isEmpty() ? Optional.empty() : Optional.of(b.timeline());
    }

    Runnable listen(Runnable r) {
        listeners.add(r);
        return () -> listeners.remove(r);
    }

    /**
     * The row with the boot this session follows: while it runs, and after it as long as the
     * backend's saved timeline is an earlier state of the same boot (VMs save theirs at the end, and
     * the listing reads it a tick later). A later boot saved by someone else wins.
     */
    GuestRow live(GuestRow r) {
        boolean running = running().containsKey(r.key());
        return timeline(r.key())
                .filter(t -> running || sameBootSoFar(t, r.summary().timeline()))
                .map(t -> {
                    GuestSummary g = r.summary();
                    return r.withSummary(new GuestSummary(g.kind(), g.name(), g.state(), g.vcpus(), g.memoryBytes(),
                            g.image(), t, g.ip()));
                }).orElse(r);
    }

    /** True when every phase {@code saved} has is in {@code live} at the same millisecond (an empty one is). */
    static boolean sameBootSoFar(BootTimeline live, BootTimeline saved) {
        for (Map.Entry<Phase, Duration> e : saved.asMap().entrySet()) {
            Optional<Duration> at = live.at(e.getKey());
            if (at.isEmpty() || at.get().toMillis() != e.getValue().toMillis()) {
                return false;
            }
        }
        return true;
    }
}
