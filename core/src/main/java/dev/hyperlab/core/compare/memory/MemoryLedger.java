package dev.hyperlab.core.compare.memory;

import dev.hyperlab.core.model.Subject;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one idle instance costs in memory, seen from the host and from inside.
 *
 * <p>Host-side cost: for a VM the PSS of its QEMU process (RSS when PSS is unknown); for a container
 * its cgroup's memory without page cache (v1: usage_in_bytes minus cache; v2: memory.current minus
 * file) plus the PSS of the engine's per-container monitor process (Podman's conmon, Docker's
 * containerd-shim), which lives outside that cgroup. Workload: what the guest reports as used
 * (MemTotal - MemAvailable from /proc/meminfo inside), or — when the guest's /proc/meminfo is the
 * host's own, as in a container without lxcfs — the cgroup's anonymous memory, i.e. what its
 * processes themselves hold; such a container reports nothing of its own, so its "used" and "total"
 * are empty rather than the host's figures. Overhead = host-side cost - workload: what isolating the
 * workload costs on top of the workload.
 *
 * @param qemuRssBytes      resident set of the QEMU process (VM only)
 * @param qemuPssBytes      proportional set of the QEMU process (VM only)
 * @param qemuGuestRamBytes resident part of the guest's RAM in the QEMU process (VM only; empty when not found)
 * @param qemuTcgCacheBytes resident part of QEMU's TCG translated-code cache (VM only; 0 under KVM): an
 *                          emulation cost that a hardware-accelerated VM does not pay
 * @param cgroupBytes       the container cgroup's memory without page cache (containers only)
 * @param cgroupAnonBytes   anonymous memory of the container cgroup (containers only)
 * @param monitorPssBytes   PSS of the engine's monitor process of this container (containers only; empty
 *                          when the engine runs none per container or it was not found)
 * @param guestUsedBytes    used memory as the guest reports it; empty when its view is the host's
 * @param guestTotalBytes   total memory as the guest reports it; empty when its view is the host's
 * @param guestViewIsHost   the guest's /proc/meminfo shows the host's memory, not its own
 */
public record MemoryLedger(Subject subject, int run,
                           OptionalLong qemuRssBytes, OptionalLong qemuPssBytes,
                           OptionalLong qemuGuestRamBytes, OptionalLong qemuTcgCacheBytes,
                           OptionalLong cgroupBytes, OptionalLong cgroupAnonBytes, OptionalLong monitorPssBytes,
                           OptionalLong guestUsedBytes, OptionalLong guestTotalBytes,
                           boolean guestViewIsHost) {

    public MemoryLedger {
        Objects.requireNonNull(subject);
        if (guestViewIsHost) { // the host's figures say nothing about the guest
            guestUsedBytes = OptionalLong.empty();
            guestTotalBytes = OptionalLong.empty();
        }
    }

    public static MemoryLedger vm(int run, long rss, long pss, long guestUsed, long guestTotal) {
        return vm(run, rss, pss, OptionalLong.empty(), OptionalLong.empty(), guestUsed, guestTotal);
    }

    /** A VM with the breakdown of QEMU's resident memory (guest RAM, TCG code cache). */
    public static MemoryLedger vm(int run, long rss, long pss, OptionalLong guestRam, OptionalLong tcgCache,
                                  long guestUsed, long guestTotal) {
        return new MemoryLedger(Subject.VM, run, OptionalLong.of(rss), OptionalLong.of(pss), guestRam, tcgCache,
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(guestUsed),
                OptionalLong.of(guestTotal), false);
    }

    /** A container that sees its own memory (e.g. through lxcfs), without a monitor process. */
    public static MemoryLedger container(Subject kind, int run, long cgroup, long anon, long guestUsed, long guestTotal) {
        return new MemoryLedger(kind, run, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.of(cgroup), OptionalLong.of(anon), OptionalLong.empty(),
                OptionalLong.of(guestUsed), OptionalLong.of(guestTotal), false);
    }

    /** A container whose /proc/meminfo is the host's (no lxcfs: the usual case), with its monitor's PSS. */
    public static MemoryLedger hostViewContainer(Subject kind, int run, long cgroup, long anon, OptionalLong monitorPss) {
        return new MemoryLedger(kind, run, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.of(cgroup), OptionalLong.of(anon), monitorPss, OptionalLong.empty(),
                OptionalLong.empty(), true);
    }

    /** The same readings for another kind (a VM ledger read of an instant clone). */
    public MemoryLedger as(Subject kind) {
        return new MemoryLedger(kind, run, qemuRssBytes, qemuPssBytes, qemuGuestRamBytes, qemuTcgCacheBytes, cgroupBytes,
                cgroupAnonBytes, monitorPssBytes, guestUsedBytes, guestTotalBytes, guestViewIsHost);
    }

    /** What the host pays for this instance: QEMU's PSS, or the cgroup plus the engine's monitor process. */
    public OptionalLong hostCostBytes() {
        if (subject.isVm()) {
            return qemuPssBytes.isPresent() ? qemuPssBytes : qemuRssBytes;
        }
        if (cgroupBytes.isEmpty()) {
            return cgroupBytes;
        }
        return OptionalLong.of(cgroupBytes.getAsLong() + monitorPssBytes.orElse(0));
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
