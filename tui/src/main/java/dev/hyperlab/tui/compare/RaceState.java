package dev.hyperlab.tui.compare;

import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One moment of a compare run, immutable, as the view draws it.
 *
 * @param timelines      per racer, in race order; empty before the race starts
 * @param raceStart      when the guests were started (session clock, nanoseconds); empty before
 * @param end            when the run ended; empty while it goes on
 * @param steps          the latest steps, oldest first
 * @param message        the outcome: the error of a failed run, what a cancel removed
 */
public record RaceState(Stage stage, boolean benchmarks, Optional<ReportMeta> meta, Map<Subject, BootTimeline> timelines,
                        OptionalLong raceStart, OptionalLong end, List<String> steps, Optional<MeasurementSet> result,
                        String message) {
    public enum Stage { IDLE, PREPARING, RUNNING, CANCELLING, DONE, FAILED, CANCELLED }

    public RaceState {
        timelines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timelines));
        steps = List.copyOf(steps);
    }

    public static RaceState idle(boolean benchmarks) {
        return new RaceState(Stage.IDLE, benchmarks, Optional.empty(), Map.of(), OptionalLong.empty(), OptionalLong.empty(),
                List.of(), Optional.empty(), "");
    }

    /** Preparing, racing, measuring or removing: Esc then means "cancel". */
    public boolean active() {
        return stage == Stage.PREPARING || stage == Stage.RUNNING || stage == Stage.CANCELLING;
    }

    /**
     * The race clock for the bars at {@code nowNanos}: time since the start while someone is still
     * booting; once all are ready (or the run ended) it stops, so finished bars keep their scale.
     */
    public Duration raceClock(long nowNanos) {
        if (raceStart.isEmpty()) {
            return Duration.ZERO;
        }
        boolean allReady = !timelines.isEmpty() && timelines.values().stream().allMatch(t -> t.has(Phase.READY));
        if (allReady) {
            return timelines.values().stream().map(t -> t.at(Phase.READY).orElseThrow())
                    .max(Duration::compareTo).orElse(Duration.ZERO);
        }
        long until = end.orElse(nowNanos);
        return Duration.ofNanos(Math.max(0, until - raceStart.getAsLong()));
    }
}
