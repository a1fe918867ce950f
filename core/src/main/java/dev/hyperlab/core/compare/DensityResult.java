package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * How many instances of one kind actually ran at once, what they cost at the checkpoints the sweep read
 * (1, 10, 100, ... and the last count), and why it stopped there.
 *
 * @param instances       instances that were running together when the sweep stopped (measured, not projected)
 * @param checkpoints     readings in order of their count; the last one is at {@code instances}
 * @param stop            which kind of limit ended the sweep
 * @param stoppedBecause  the reason as the user should read it
 * @param took            from the first start until the sweep stopped (removal not included)
 * @param removal         how long removing every instance took
 */
public record DensityResult(Subject subject, long budgetBytes, int instances, List<DensityCheckpoint> checkpoints,
                            Stop stop, String stoppedBecause, Duration took, Duration removal) {

    /** What ended a sweep. */
    public enum Stop {
        /** One more instance would pass the memory budget. */
        BUDGET,
        /** The host's MemAvailable would fall under the sweep's reserve. */
        RESERVE,
        /** The instance cap the sweep was given. */
        CAP,
        /** A host limit other than memory (tasks, inotify instances) would be passed. */
        HOST_LIMIT,
        /** An instance failed to start or was not ready in time. */
        ENGINE_ERROR;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

        public static Stop ofLabel(String s) {
            for (Stop v : values()) {
                if (v.label().equals(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown density stop '" + s + "'");
        }
    }

    public DensityResult {
        checkpoints = List.copyOf(checkpoints);
    }

    /** The host cost of all instances at the last checkpoint; 0 when none started. */
    public long usedBytes() {
        return checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).hostCostBytes();
    }

    /** What each instance added between the last two checkpoints (the only one's average when there is one). */
    public long marginalBytes() {
        int n = checkpoints.size();
        if (n == 0) {
            return 0;
        }
        return checkpoints.get(n - 1).marginalBytesSince(n > 1 ? checkpoints.get(n - 2) : null);
    }

    /**
     * Instances the budget would hold at the last marginal cost, only when the sweep stopped short of
     * the budget for another reason (its cap, a host limit, an engine error): a projection, never a count.
     */
    public OptionalLong projectedInstances() {
        long marginal = marginalBytes();
        if (instances == 0 || marginal <= 0 || stop == Stop.BUDGET || stop == Stop.RESERVE) {
            return OptionalLong.empty();
        }
        long more = Math.max(0, budgetBytes - usedBytes()) / marginal;
        return more > 0 ? OptionalLong.of(instances + more) : OptionalLong.empty();
    }
}
