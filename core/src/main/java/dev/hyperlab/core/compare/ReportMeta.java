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
 * @param loadStart the host's 1-minute load average when the run began (NaN when unknown): other work on
 *                  the host moves every figure, CPU ones most
 * @param loadEnd   the same when the run ended (NaN while it runs, or unknown)
 */
public record ReportMeta(Instant timestamp, Accelerator accelerator, String acceleratorReason,
                         String hostCpuModel, int hostCpus, long hostMemoryBytes, String hostKernel,
                         Map<String, String> versions, int runs, String image, int guestCpus,
                         long guestMemoryBytes, double loadStart, double loadEnd) {
    public ReportMeta {
        Objects.requireNonNull(timestamp);
        Objects.requireNonNull(accelerator);
        versions = Map.copyOf(versions);
    }

    /** Without load figures (a report recorded before they were). */
    public ReportMeta(Instant timestamp, Accelerator accelerator, String acceleratorReason, String hostCpuModel,
                      int hostCpus, long hostMemoryBytes, String hostKernel, Map<String, String> versions, int runs,
                      String image, int guestCpus, long guestMemoryBytes) {
        this(timestamp, accelerator, acceleratorReason, hostCpuModel, hostCpus, hostMemoryBytes, hostKernel, versions,
                runs, image, guestCpus, guestMemoryBytes, Double.NaN, Double.NaN);
    }

    /** The facts of a run that starts now: the host as read, {@code runs} trials of guests sized by {@code o}. */
    public static ReportMeta starting(Instant now, dev.hyperlab.core.host.AcceleratorDecision accel, HostSpecs host,
                                      Map<String, String> versions, int runs, CompareOptions o) {
        return new ReportMeta(now, accel.accelerator(), accel.reason(), host.cpuModel(), host.cpus(), host.memoryBytes(),
                host.kernel(), versions, runs, o.image(), o.cpus(), o.memoryBytes(), HostSpecs.loadAverage(), Double.NaN);
    }

    public ReportMeta withLoad(double start, double end) {
        return new ReportMeta(timestamp, accelerator, acceleratorReason, hostCpuModel, hostCpus, hostMemoryBytes,
                hostKernel, versions, runs, image, guestCpus, guestMemoryBytes, start, end);
    }

    /** The busier of the two load readings, per host CPU; NaN when neither is known. */
    public double loadPerCpu() {
        double max = Double.isNaN(loadStart) ? loadEnd : Double.isNaN(loadEnd) ? loadStart : Math.max(loadStart, loadEnd);
        return hostCpus > 0 ? max / hostCpus : Double.NaN;
    }

    /** Above this load per CPU, the reports warn that other work on the host moved the figures. */
    public static final double BUSY_LOAD_PER_CPU = 0.5;

    public static final String TCG_DISCLAIMER = "VMs ran under TCG (software emulation, no KVM): VM boot times and "
            + "benchmark figures are emulation figures, typically 10-50x slower than with KVM; they do not show "
            + "what a hardware-accelerated hypervisor costs.";

    /** The disclaimer to print, or empty under KVM. */
    public String disclaimer() { return accelerator == Accelerator.TCG ? TCG_DISCLAIMER : ""; }
}
