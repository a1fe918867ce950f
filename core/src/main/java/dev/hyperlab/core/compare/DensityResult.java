package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.Subject;

/**
 * How many instances of one kind fit in a memory budget.
 *
 * @param instances       instances that started and became ready within the budget
 * @param usedBytes       host-side cost of all of them together when the sweep stopped
 * @param marginalBytes   median host-side cost added by one more instance
 * @param stoppedBecause  why the sweep stopped ("budget reached", "host free memory below reserve", ...)
 */
public record DensityResult(Subject subject, long budgetBytes, int instances, long usedBytes,
                            long marginalBytes, String stoppedBecause) {
    /** Instances the budget would hold at the marginal cost, for kinds the sweep could not fill. */
    public long projectedInstances() {
        return marginalBytes <= 0 ? instances : budgetBytes / marginalBytes;
    }
}
