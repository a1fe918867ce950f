package dev.hyperlab.core.compare;

import dev.hyperlab.core.host.Accelerator;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What every report states about how its numbers were obtained.
 *
 * @param versions  e.g. "libvirt" -> "9.0.0", "qemu" -> "7.2.0", "engine" -> "podman 4.3.1"
 * @param runs      N, the number of trials per kind
 * @param guestCpus vCPUs / CPU limit given to each guest
 */
public record ReportMeta(Instant timestamp, Accelerator accelerator, String acceleratorReason,
                         String hostCpuModel, int hostCpus, long hostMemoryBytes, String hostKernel,
                         Map<String, String> versions, int runs, String image, int guestCpus,
                         long guestMemoryBytes) {
    public ReportMeta {
        Objects.requireNonNull(timestamp);
        Objects.requireNonNull(accelerator);
        versions = Map.copyOf(versions);
    }

    public static final String TCG_DISCLAIMER = "VMs ran under TCG (software emulation, no KVM): VM boot times and "
            + "benchmark figures are emulation figures, typically 10-50x slower than with KVM; they do not show "
            + "what a hardware-accelerated hypervisor costs.";

    /** The disclaimer to print, or empty under KVM. */
    public String disclaimer() { return accelerator == Accelerator.TCG ? TCG_DISCLAIMER : ""; }
}
