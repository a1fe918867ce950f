package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.BootTimeline;
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
     * first output) and returns it. On failure or timeout it removes whatever it made and throws.
     *
     * @param progress receives each new timeline snapshot as phases are reached (for live views)
     */
    LaunchedGuest launch(Subject kind, String name, CompareOptions options, Consumer<BootTimeline> progress);

    /** Runs commands inside: engine exec for containers, qemu-guest-agent for VMs. */
    GuestExec exec(LaunchedGuest guest);

    /** The memory ledger of a running guest: host-side readers plus what the guest reports. */
    MemoryLedger memory(LaunchedGuest guest, int run);

    /** Base image and per-instance disk bytes. */
    DiskUsage disk(LaunchedGuest guest);

    /** Removes the guest and everything made for it; idempotent, never throws for "already gone". */
    void remove(LaunchedGuest guest);

    /** Versions of the stack: "libvirt", "qemu", "engine". */
    Map<String, String> versions();
}
