package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.bench.BenchmarkPlan;
import dev.hyperlab.core.error.HyperlabException;
import java.time.Duration;

/**
 * What {@code hyperlab compare} was asked to do. Validated on construction, before anything is created.
 *
 * @param runs           trials per kind (N)
 * @param plan           benchmark plan, or null to skip the micro-benchmarks
 * @param bootTimeout    how long one guest may take to reach READY
 * @param budgetBytes    memory budget of the density sweep; 0 = no sweep
 * @param maxInstances   cap per kind in the density sweep
 * @param maxVms         a lower cap for VM kinds: under TCG each boot takes minutes, and a handful
 *                       shows the per-VM cost as well as dozens would
 */
public record CompareOptions(String image, int runs, int cpus, long memoryBytes, BenchmarkPlan plan,
                             Duration bootTimeout, long budgetBytes, int maxInstances, int maxVms) {
    public static final long MIN_MEMORY = 128L << 20;

    public CompareOptions {
        if (image == null || image.isBlank()) {
            throw HyperlabException.badInput("compare failed: no image given", "try --image debian-12");
        }
        if (runs < 1 || runs > 100) {
            throw HyperlabException.badInput("compare failed: --runs must be 1..100, got " + runs, "try --runs 3");
        }
        if (cpus < 1 || cpus > 64) {
            throw HyperlabException.badInput("compare failed: --cpus must be 1..64, got " + cpus, "try --cpus 1");
        }
        if (memoryBytes < MIN_MEMORY) {
            throw HyperlabException.badInput("compare failed: --memory below 128 MiB", "try --memory 1G");
        }
        if (budgetBytes < 0 || (budgetBytes > 0 && budgetBytes < memoryBytes)) {
            throw HyperlabException.badInput("compare failed: --budget must hold at least one guest's memory",
                    "try --budget 4G");
        }
        if (maxInstances < 1) {
            throw HyperlabException.badInput("compare failed: instance cap must be positive", "try --max-instances 500");
        }
        if (maxVms < 1) {
            throw HyperlabException.badInput("compare failed: VM cap must be positive", "try --max-vms 4");
        }
        if (bootTimeout == null || bootTimeout.isNegative() || bootTimeout.isZero()) {
            throw HyperlabException.badInput("compare failed: boot timeout must be positive", "try 600 s");
        }
    }

    public boolean density() { return budgetBytes > 0; }

    /** The density sweep's cap for one kind. */
    public int capFor(dev.hyperlab.core.model.Subject kind) {
        return kind.isVm() ? Math.min(maxInstances, maxVms) : maxInstances;
    }

    /** The same options with another boot timeout. */
    public CompareOptions withBootTimeout(Duration timeout) {
        return new CompareOptions(image, runs, cpus, memoryBytes, plan, timeout, budgetBytes, maxInstances, maxVms);
    }

    public boolean benchmarks() { return plan != null; }
}
