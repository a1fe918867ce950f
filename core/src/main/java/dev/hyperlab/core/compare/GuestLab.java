package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Subject;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Port: what a comparison needs from the lab — make matched guests from one image and one
 * cloud-init, reach into them, measure them from the host, and remove them. Implemented over
 * core.lab's VmService and ContainerService.
 */
public interface GuestLab {
    /**
     * Creates and starts one guest, waits for READY (cloud-init's marker, or an app container's
     * first output) and returns it. On failure, timeout or cancellation it removes whatever it made
     * and throws.
     *
     * @param progress receives each new timeline snapshot as phases are reached (for live views)
     * @param cancel   checked between the steps of the creation and polled during the boot: once it is
     *                 cancelled the launch stops within about one call to the hypervisor or engine,
     *                 removes what it made, and throws {@link dev.hyperlab.core.error.ErrorCode#CANCELLED}
     */
    LaunchedGuest launch(Subject kind, String name, CompareOptions options, Consumer<BootTimeline> progress,
                         Cancellation cancel);

    /**
     * As {@link #launch} for a cold VM ({@link Subject#VM}), booted with host-side settings other than
     * hyperlab's defaults: what {@link VmLevers} switches to measure each one's effect on the host cost.
     * The same promises as {@code launch}: READY or an exception, and a failed or cancelled launch leaves
     * nothing. A lab that cannot change these settings throws {@link
     * dev.hyperlab.core.error.ErrorCode#UNAVAILABLE} before it makes anything.
     */
    default LaunchedGuest launchVm(String name, CompareOptions options, VmSettings settings,
                                   Consumer<BootTimeline> progress, Cancellation cancel) {
        if (settings.isHyperlabDefault()) {
            return launch(Subject.VM, name, options, progress, cancel);
        }
        throw new dev.hyperlab.core.error.HyperlabException(dev.hyperlab.core.error.ErrorCode.UNAVAILABLE,
                "this lab cannot boot a VM with " + settings.label(), null);
    }

    /**
     * Makes what a kind needs before it can race, outside the race's clock: an instant clone's
     * template (made once per image and size, and kept for the next run). Says what it does through
     * {@code step}.
     */
    default void prepare(java.util.List<Subject> kinds, CompareOptions options, Consumer<String> step) {}

    /** Runs commands inside: engine exec for containers, qemu-guest-agent for VMs. */
    GuestExec exec(LaunchedGuest guest);

    /**
     * The memory ledger of a running, idle guest: host-side readers plus what the guest reports, read once
     * its first-boot work (cloud-init) has finished.
     */
    MemoryLedger memory(LaunchedGuest guest, int run);

    /**
     * What these guests, all running, cost the host together: the sum of each one's host-side cost as
     * {@link MemoryLedger#hostCostBytes} counts it. The density sweep reads it for hundreds of guests at
     * its checkpoints, so a lab that can should read it from the host alone, without a command in each
     * guest; the newest guest may still be finishing its first boot and is let settle first.
     */
    default long hostCostBytes(java.util.List<LaunchedGuest> guests) {
        long sum = 0;
        for (int i = 0; i < guests.size(); i++) {
            MemoryLedger m = memory(guests.get(i), i + 1);
            sum += m.hostCostBytes().orElseThrow(() -> new dev.hyperlab.core.error.HyperlabException(
                    dev.hyperlab.core.error.ErrorCode.OPERATION_FAILED, "the host cost of " + m.subject().title()
                    + " could not be read", null));
        }
        return sum;
    }

    /** Base image and per-instance disk bytes. */
    DiskUsage disk(LaunchedGuest guest);

    /**
     * Removes the guest and everything made for it, found by its name, also what a launch that failed
     * or was cancelled half-way made; idempotent, never throws for "already gone".
     */
    void remove(LaunchedGuest guest);

    /** Versions of the stack: "libvirt", "qemu", "engine". */
    Map<String, String> versions();
}
