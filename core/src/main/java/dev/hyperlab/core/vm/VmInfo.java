package dev.hyperlab.core.vm;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import java.util.Optional;

/**
 * What the hypervisor says about one domain.
 *
 * @param cpuTimeNanos CPU time the guest used so far (0 when stopped)
 * @param label        the hyperlab label; empty for domains hyperlab did not make
 * @param timeline     the last boot timeline hyperlab recorded
 */
public record VmInfo(
        String name,
        String uuid,
        GuestState state,
        int vcpus,
        long memoryBytes,
        long cpuTimeNanos,
        Optional<HyperlabLabel> label,
        BootTimeline timeline) {
    public boolean isRunning() { return state == GuestState.RUNNING || state == GuestState.PAUSED; }
}
