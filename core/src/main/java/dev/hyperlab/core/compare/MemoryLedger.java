package dev.hyperlab.core.compare;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one idle instance costs in memory, seen from the host and from inside.
 *
 * <p>Host-side cost: for a VM the PSS of its QEMU process (RSS when PSS is unknown); for a container
 * its cgroup's memory (v1: usage_in_bytes minus cache; v2: memory.current). Workload: what the
 * guest reports as used (MemTotal - MemAvailable from /proc/meminfo inside), or — when the guest's
 * /proc/meminfo is the host's own, as in a container without lxcfs — the cgroup's anonymous memory,
 * i.e. what its processes themselves hold. Overhead = host-side cost - workload: what isolating the
 * workload costs on top of the workload.
 *
 * @param qemuRssBytes      resident set of the QEMU process (VM only)
 * @param qemuPssBytes      proportional set of the QEMU process (VM only)
 * @param cgroupBytes       the container cgroup's memory without page cache (containers only)
 * @param cgroupAnonBytes   anonymous memory of the container cgroup (containers only)
 * @param guestUsedBytes    used memory as the guest reports it
 * @param guestTotalBytes   total memory as the guest reports it
 * @param guestViewIsHost   the guest's /proc/meminfo shows the host's memory, not its own
 */
public record MemoryLedger(Subject subject, int run,
                           OptionalLong qemuRssBytes, OptionalLong qemuPssBytes,
                           OptionalLong cgroupBytes, OptionalLong cgroupAnonBytes,
                           OptionalLong guestUsedBytes, OptionalLong guestTotalBytes,
                           boolean guestViewIsHost) {

    public MemoryLedger {
        Objects.requireNonNull(subject);
    }

    public static MemoryLedger vm(int run, long rss, long pss, long guestUsed, long guestTotal) {
        return new MemoryLedger(Subject.VM, run, OptionalLong.of(rss), OptionalLong.of(pss),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(guestUsed), OptionalLong.of(guestTotal), false);
    }

    public static MemoryLedger container(Subject kind, int run, long cgroup, long anon, long guestUsed,
                                         long guestTotal, boolean guestViewIsHost) {
        return new MemoryLedger(kind, run, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(cgroup), OptionalLong.of(anon), OptionalLong.of(guestUsed), OptionalLong.of(guestTotal),
                guestViewIsHost);
    }

    /** What the host pays for this instance. */
    public OptionalLong hostCostBytes() {
        if (subject == Subject.VM) {
            return qemuPssBytes.isPresent() ? qemuPssBytes : qemuRssBytes;
        }
        return cgroupBytes;
    }

    /** What the workload itself uses (see the class comment for where it comes from). */
    public OptionalLong workloadBytes() {
        if (guestViewIsHost || guestUsedBytes.isEmpty()) {
            return cgroupAnonBytes;
        }
        return guestUsedBytes;
    }

    /** Host-side cost minus the workload; empty when either is unknown. Never negative. */
    public OptionalLong overheadBytes() {
        OptionalLong cost = hostCostBytes();
        OptionalLong work = workloadBytes();
        if (cost.isEmpty() || work.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, cost.getAsLong() - work.getAsLong()));
    }
}
