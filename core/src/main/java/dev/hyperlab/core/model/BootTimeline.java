package dev.hyperlab.core.model;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each boot phase was reached, as offsets from the moment the user's command began.
 *
 * <p>Immutable: {@link #reached} returns a new timeline, so pollers can hand snapshots to the UI
 * thread without copying. Offsets come from the host's monotonic clock ({@link System#nanoTime()}
 * or an injected equivalent), never from the guest.
 */
public final class BootTimeline {
    private static final BootTimeline EMPTY = new BootTimeline(new EnumMap<>(Phase.class), null);

    private final EnumMap<Phase, Duration> reached;
    private final ReadySignal readyBy;

    private BootTimeline(EnumMap<Phase, Duration> reached, ReadySignal readyBy) {
        this.reached = reached;
        this.readyBy = readyBy;
    }

    public static BootTimeline empty() { return EMPTY; }

    /** Records that {@code phase} was reached {@code sinceStart} after the start; the first record wins. */
    public BootTimeline reached(Phase phase, Duration sinceStart) {
        if (sinceStart.isNegative()) {
            throw new IllegalArgumentException("phase " + phase.label() + " before the start: " + sinceStart);
        }
        if (reached.containsKey(phase)) {
            return this;
        }
        EnumMap<Phase, Duration> copy = new EnumMap<>(reached);
        copy.put(phase, sinceStart);
        return new BootTimeline(copy, readyBy);
    }

    /** Records READY and which signal defined it; a timeline that is ready already stays as it is. */
    public BootTimeline ready(ReadySignal by, Duration sinceStart) {
        if (reached.containsKey(Phase.READY)) {
            return this;
        }
        BootTimeline t = reached(Phase.READY, sinceStart);
        return new BootTimeline(t.reached, by);
    }

    /** Which signal defined READY, when it is known (a timeline stored before hyperlab said is without). */
    public Optional<ReadySignal> readyBy() { return Optional.ofNullable(readyBy); }

    /** The same timeline saying which signal defined READY (for one read back from storage). */
    public BootTimeline withReadyBy(ReadySignal by) { return new BootTimeline(reached, by); }

    public Optional<Duration> at(Phase phase) { return Optional.ofNullable(reached.get(phase)); }

    public boolean has(Phase phase) { return reached.containsKey(phase); }

    /** The latest phase reached so far, if any. */
    public Optional<Phase> latest() {
        Phase latest = null;
        for (Phase p : reached.keySet()) {
            latest = p; // EnumMap iterates in declaration order, which is boot order
        }
        return Optional.ofNullable(latest);
    }

    /** Time from the start to {@link Phase#READY}, if the guest got there. */
    public Optional<Duration> timeToReady() { return at(Phase.READY); }

    public Map<Phase, Duration> asMap() { return Collections.unmodifiableMap(reached); }

    @Override public boolean equals(Object o) {
        return o instanceof BootTimeline other && reached.equals(other.reached) && readyBy == other.readyBy;
    }

    @Override public int hashCode() { return reached.hashCode() * 31 + java.util.Objects.hashCode(readyBy); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        reached.forEach((p, d) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(p.label()).append('=').append(d.toMillis()).append("ms"));
        return "BootTimeline[" + sb + (readyBy == null ? "" : ", ready by " + readyBy.id()) + "]";
    }
}
