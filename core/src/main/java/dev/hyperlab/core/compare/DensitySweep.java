package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.memory.MemInfo;
import dev.hyperlab.core.compare.stats.Stats;
import dev.hyperlab.core.model.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts instances of one kind until their summed host-side cost would pass the budget, the host's
 * available memory would fall under a safety reserve, or the instance cap is hit; then removes them.
 */
final class DensitySweep {
    /** Never let MemAvailable fall below this: the host, the IDE and the other guests need it. */
    static final long RESERVE_BYTES = 1L << 30;

    private final GuestLab lab;
    private final Cleanup cleanup;
    private final CompareListener listener;

    DensitySweep(GuestLab lab, Cleanup cleanup, CompareListener listener) {
        this.lab = lab;
        this.cleanup = cleanup;
        this.listener = listener;
    }

    DensityResult sweep(Subject kind, CompareOptions o, String session) {
        List<LaunchedGuest> started = new ArrayList<>();
        List<Long> costs = new ArrayList<>();
        long used = 0;
        String why = "instance cap of " + o.maxInstances() + " reached";
        try {
            for (int i = 1; i <= o.maxInstances(); i++) {
                long next = costs.isEmpty() ? o.memoryBytes() / 4 : costs.get(costs.size() - 1);
                if (used + next > o.budgetBytes()) {
                    why = "budget reached";
                    break;
                }
                long available = hostAvailable();
                if (available - Math.max(next, o.memoryBytes()) < RESERVE_BYTES) { // a guest may grow to its limit
                    why = "host free memory would fall below the 1 GiB reserve";
                    break;
                }
                listener.step("density " + kind.title() + ": instance " + i);
                String name = "hld-" + session + "-" + kind.label() + "-" + i;
                LaunchedGuest g = cleanup.launch(kind, name, o, t -> { });
                started.add(g);
                long cost = lab.memory(g, i).hostCostBytes().orElse(o.memoryBytes());
                costs.add(cost);
                used += cost;
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                cleanup.remove(started.get(i));
            }
        }
        long marginal = costs.isEmpty() ? 0 : (long) Stats.of(costs).median();
        return new DensityResult(kind, o.budgetBytes(), started.size(), used, marginal, why);
    }

    static long hostAvailable() {
        try {
            return MemInfo.parse(Files.readString(Path.of("/proc/meminfo"))).availableBytes();
        } catch (IOException e) {
            return 0; // unknown: the reserve check stops the sweep, which is the safe side
        }
    }
}
