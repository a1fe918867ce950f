package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.memory.MemInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The host-wide counters a density sweep runs into before memory: free memory, tasks, and the inotify
 * instances of root (systemd in every system container takes several; rootful containers without a
 * user namespace all count against root's {@code fs.inotify.max_user_instances}, 128 by default). An
 * interface so the sweep's stopping rules can be tested with scripted readings.
 */
public interface HostGauges {
    /** MemAvailable of /proc/meminfo; 0 when unreadable (the reserve check then stops: the safe side). */
    long memAvailableBytes();

    /** Threads on the host now (the kernel's count behind /proc/loadavg). */
    long tasks();

    /** The lower of kernel.pid_max and kernel.threads-max; empty when unknown. */
    OptionalLong taskLimit();

    /**
     * inotify instances held by root's processes: a walk over every process's open files, tens of
     * milliseconds per thousand processes, so read at checkpoints only.
     */
    long rootInotifyInstances();

    /** fs.inotify.max_user_instances; empty when unknown. */
    OptionalLong inotifyInstanceLimit();

    /** This host's /proc. */
    HostGauges PROC = new Proc(Path.of("/proc"));

    /** Reads the gauges from a /proc tree. */
    record Proc(Path proc) implements HostGauges {
        @Override
        public long memAvailableBytes() {
            try {
                return MemInfo.parse(Files.readString(proc.resolve("meminfo"))).availableBytes();
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        @Override
        public long tasks() {
            // "0.52 0.58 0.59 3/340 1234": runnable/total scheduling entities
            try {
                String[] f = Files.readString(proc.resolve("loadavg")).trim().split("\\s+");
                return Long.parseLong(f[3].substring(f[3].indexOf('/') + 1));
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        @Override
        public OptionalLong taskLimit() {
            OptionalLong pids = number(proc.resolve("sys/kernel/pid_max"));
            OptionalLong threads = number(proc.resolve("sys/kernel/threads-max"));
            if (pids.isEmpty()) {
                return threads;
            }
            return threads.isEmpty() ? pids : OptionalLong.of(Math.min(pids.getAsLong(), threads.getAsLong()));
        }

        @Override
        public OptionalLong inotifyInstanceLimit() {
            return number(proc.resolve("sys/fs/inotify/max_user_instances"));
        }

        @Override
        public long rootInotifyInstances() {
            long n = 0;
            try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
                for (Path pid : pids) {
                    n += rootInotify(pid);
                }
            } catch (IOException e) {
                return 0;
            }
            return n;
        }

        private static long rootInotify(Path pid) {
            try {
                if (!"0".equals(String.valueOf(Files.getAttribute(pid, "unix:uid", LinkOption.NOFOLLOW_LINKS)))) {
                    return 0;
                }
                long n = 0;
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if ("anon_inode:inotify".equals(Files.readSymbolicLink(fd).toString())) {
                                n++;
                            }
                        } catch (IOException e) {
                            // closed meanwhile
                        }
                    }
                }
                return n;
            } catch (IOException | RuntimeException e) {
                return 0; // the process ended meanwhile
            }
        }

        private static OptionalLong number(Path p) {
            // Not Files.readString: a sysctl file's size is 0, so that reads one byte first, and the kernel's
            // integer sysctls answer a read that does not start at offset 0 with nothing: "3" for 32768.
            try (java.io.InputStream in = Files.newInputStream(p)) {
                return OptionalLong.of(Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim()));
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }
    }
}
