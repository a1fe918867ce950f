package dev.hyperlab.core.compare;

import java.time.Duration;

/**
 * One reading of a density sweep: with {@code instances} running, what all of them cost the host
 * together (the sum of each one's host-side cost, as the memory ledger counts it), how far the host's
 * MemAvailable had fallen since the sweep began (which also counts kernel memory the ledger does not
 * see, and anything else the host did meanwhile), and when.
 *
 * @param instances           instances running at this reading
 * @param hostCostBytes       summed host-side cost of all of them
 * @param memAvailableDropBytes MemAvailable before the sweep minus MemAvailable now (may be negative)
 * @param elapsed             since the sweep began
 */
public record DensityCheckpoint(int instances, long hostCostBytes, long memAvailableDropBytes, Duration elapsed) {
    public DensityCheckpoint {
        if (instances < 1) {
            throw new IllegalArgumentException("a checkpoint needs at least one instance");
        }
    }

    /** The host cost of all, divided by their count. */
    public long perInstanceBytes() { return hostCostBytes / instances; }

    /** What each instance since {@code previous} added: the cost's growth over the count's growth. */
    public long marginalBytesSince(DensityCheckpoint previous) {
        if (previous == null || previous.instances >= instances) {
            return perInstanceBytes();
        }
        return (hostCostBytes - previous.hostCostBytes) / (instances - previous.instances);
    }
}
