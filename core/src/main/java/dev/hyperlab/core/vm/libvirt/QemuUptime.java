package dev.hyperlab.core.vm.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a local QEMU domain has run, on the host clock: the start time of the QEMU process
 * whose pid libvirt writes to {@code /run/libvirt/qemu/NAME.pid}. Other drivers have no process.
 */
final class QemuUptime {
    /** USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux architecture hyperlab runs on. */
    private static final long CLOCK_TICKS = 100;
    private final Path pidDir;
    private final Path proc;

    QemuUptime(Path pidDir, Path proc) {
        this.pidDir = pidDir;
        this.proc = proc;
    }

    static Optional<QemuUptime> forUri(String uri) {
        if (uri.startsWith("qemu:///system")) {
            return Optional.of(new QemuUptime(Path.of("/run/libvirt/qemu"), Path.of("/proc")));
        }
        return Optional.empty();
    }

    Optional<Duration> of(String domain) {
        try {
            String pid = Files.readString(pidDir.resolve(domain + ".pid")).trim();
            String stat = Files.readString(proc.resolve(pid).resolve("stat"));
            // Field 22 (starttime) counts after the ")" that ends the command name, which may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(f[19]);
            double sinceBoot = Double.parseDouble(Files.readString(proc.resolve("uptime")).split(" ")[0]);
            long ms = (long) (sinceBoot * 1000) - startTicks * 1000 / CLOCK_TICKS;
            return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not running, or ended while we read
        }
    }
}
