package dev.hyperlab.core.compare.memory;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** Fills a {@link MemoryLedger}: host-side readers plus the guest's own /proc/meminfo read through exec. */
public final class MemoryProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private MemoryProbe() {}

    /** A VM: its QEMU process's RSS/PSS, and what the guest kernel reports. */
    public static MemoryLedger vm(int run, long qemuPid, GuestExec guest) {
        return vm(run, qemuPid, -1, guest);
    }

    /**
     * As above, with where QEMU's resident memory goes ({@link QemuMemory}); {@code guestMemoryBytes} is the
     * guest's configured memory (how its RAM mapping is recognised), -1 when unknown.
     */
    public static MemoryLedger vm(int run, long qemuPid, long guestMemoryBytes, GuestExec guest) {
        SmapsRollup s = SmapsRollup.read(qemuPid);
        java.util.Optional<QemuMemory> q = guestMemoryBytes > 0 ? QemuMemory.read(qemuPid, guestMemoryBytes)
                : java.util.Optional.empty();
        MemInfo inside = guestMemInfo(Subject.VM, guest);
        return MemoryLedger.vm(run, s.rssBytes(), s.pssBytes(),
                q.map(QemuMemory::guestRamRssBytes).orElse(OptionalLong.empty()),
                q.map(m -> OptionalLong.of(m.tcgCacheRssBytes())).orElse(OptionalLong.empty()),
                inside.usedBytes(), inside.totalBytes());
    }

    /**
     * A container: its cgroup found from its init PID, the engine's monitor process of this container
     * (the init's parent when its command line names the container id: Podman's conmon, Docker's
     * containerd-shim), and what /proc/meminfo shows inside.
     */
    public static MemoryLedger container(Subject kind, int run, long initPid, String containerId, GuestExec guest) {
        CgroupMemory cg = CgroupMemory.forPid(initPid);
        MemInfo inside = guestMemInfo(kind, guest);
        OptionalLong monitor = monitorPid(initPid, containerId).stream()
                .mapToObj(SmapsRollup::tryRead).flatMap(java.util.Optional::stream).mapToLong(SmapsRollup::pssBytes)
                .findFirst();
        // Without lxcfs a container's /proc/meminfo is the host's: same MemTotal means "host-wide figures".
        if (inside.totalBytes() == hostMemInfo().totalBytes()) {
            return MemoryLedger.hostViewContainer(kind, run, cg.usageBytes(), cg.anonBytes(), monitor);
        }
        return new MemoryLedger(kind, run, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.of(cg.usageBytes()), OptionalLong.of(cg.anonBytes()), monitor, OptionalLong.of(inside.usedBytes()),
                OptionalLong.of(inside.totalBytes()), false);
    }

    /**
     * A container's host-side cost alone (its cgroup without page cache, plus its engine monitor's PSS),
     * read from the host without a command inside: what the density sweep sums over hundreds of them.
     */
    public static long containerHostCost(Subject kind, long initPid, String containerId) {
        CgroupMemory cg = CgroupMemory.forPid(initPid);
        OptionalLong monitor = monitorPid(initPid, containerId).stream()
                .mapToObj(SmapsRollup::tryRead).flatMap(java.util.Optional::stream).mapToLong(SmapsRollup::pssBytes)
                .findFirst();
        return MemoryLedger.hostViewContainer(kind, 0, cg.usageBytes(), cg.anonBytes(), monitor).hostCostBytes()
                .orElseThrow();
    }

    /** The parent of the container's init when it is that container's own monitor (its command line names the id). */
    static OptionalLong monitorPid(long initPid, String containerId) {
        try {
            long ppid = parentPid(Files.readString(Path.of("/proc", Long.toString(initPid), "status")));
            if (ppid <= 1 || containerId == null || containerId.length() < 12) {
                return OptionalLong.empty();
            }
            String cmdline = Files.readString(Path.of("/proc", Long.toString(ppid), "cmdline")).replace('\0', ' ');
            return cmdline.contains(containerId) ? OptionalLong.of(ppid) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The PPid field of /proc/PID/status. */
    static long parentPid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("PPid:")) {
                return Long.parseLong(line.substring(5).trim());
            }
        }
        return -1;
    }

    static MemInfo guestMemInfo(Subject kind, GuestExec guest) {
        ExecResult r = guest.exec(List.of("/bin/cat", "/proc/meminfo"), TIMEOUT);
        if (!r.ok()) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading /proc/meminfo in the " + kind.title()
                    + " failed with exit code " + r.exitCode() + ": " + r.stderr().strip(), "try the guest's console");
        }
        return MemInfo.parse(r.stdout());
    }

    static MemInfo hostMemInfo() {
        try {
            return MemInfo.parse(Files.readString(Path.of("/proc/meminfo")));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading /proc/meminfo failed: " + e.getMessage(), null, e);
        }
    }

    /**
     * The PID of a libvirt QEMU domain's process, from the pid file libvirtd writes for the system
     * instance ({@code /run/libvirt/qemu/NAME.pid}).
     */
    public static long qemuPid(String domainName) {
        Path p = Path.of("/run/libvirt/qemu", domainName + ".pid");
        try {
            return Long.parseLong(Files.readString(p).trim());
        } catch (IOException | NumberFormatException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "finding the QEMU process of " + domainName
                    + " failed: " + p + " unreadable (" + e.getMessage() + ")", "try as root, with qemu:///system");
        }
    }
}
