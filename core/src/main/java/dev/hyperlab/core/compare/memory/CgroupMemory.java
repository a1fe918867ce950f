package dev.hyperlab.core.compare.memory;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Memory charged to the cgroup of a process (a container's init), read on the host.
 *
 * <p>The cgroup is found from {@code /proc/PID/cgroup}: the v1 line whose controller list names
 * {@code memory}, else the v2 line {@code 0::/path}. The hierarchy's mount point comes from
 * {@code /proc/self/mounts}, so v1, v2 and hybrid hosts all work.
 *
 * @param version     1 or 2
 * @param directory   the cgroup directory that was read
 * @param usageBytes  v1: memory.usage_in_bytes - total_cache; v2: memory.current - file (without page cache)
 * @param rawUsageBytes v1: memory.usage_in_bytes; v2: memory.current (with page cache)
 * @param anonBytes   anonymous memory (v1: total_rss, v2: anon)
 * @param fileBytes   page cache (v1: total_cache, v2: file)
 */
public record CgroupMemory(int version, Path directory, long usageBytes, long rawUsageBytes, long anonBytes, long fileBytes) {

    public static CgroupMemory forPid(long pid) {
        try {
            String cgroup = Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"));
            String mounts = Files.readString(Path.of("/proc/self/mounts"));
            Path dir = locate(cgroup, mounts).orElseThrow(() -> new HyperlabException(ErrorCode.OPERATION_FAILED,
                    "finding the memory cgroup of process " + pid + " failed: no memory controller is mounted",
                    "try mounting cgroup v2 at /sys/fs/cgroup or the v1 memory controller"));
            return read(dir);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED,
                    "reading the memory cgroup of process " + pid + " failed: " + e.getMessage(),
                    "try again while the container runs, as root", e);
        }
    }

    /** Reads a cgroup directory; v2 when it has memory.current, else v1. */
    public static CgroupMemory read(Path dir) throws IOException {
        if (Files.exists(dir.resolve("memory.current"))) {
            long current = Long.parseLong(Files.readString(dir.resolve("memory.current")).trim());
            Map<String, Long> stat = parseStat(Files.readString(dir.resolve("memory.stat")));
            long file = stat.getOrDefault("file", 0L);
            return new CgroupMemory(2, dir, Math.max(0, current - file), current, stat.getOrDefault("anon", 0L), file);
        }
        long usage = Long.parseLong(Files.readString(dir.resolve("memory.usage_in_bytes")).trim());
        Map<String, Long> stat = parseStat(Files.readString(dir.resolve("memory.stat")));
        // total_* include descendants; a container's cgroup normally has none, but be right when it does
        long cache = stat.getOrDefault("total_cache", stat.getOrDefault("cache", 0L));
        long rss = stat.getOrDefault("total_rss", stat.getOrDefault("rss", 0L));
        return new CgroupMemory(1, dir, Math.max(0, usage - cache), usage, rss, cache);
    }

    static Map<String, Long> parseStat(String text) {
        Map<String, Long> m = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                try {
                    m.put(f[0], Long.parseLong(f[1]));
                } catch (NumberFormatException e) {
                    // skip
                }
            }
        }
        return m;
    }

    /** The cgroup directory holding the memory accounting of the process described by {@code procCgroup}. */
    public static Optional<Path> locate(String procCgroup, String procMounts) {
        String v2Path = null;
        for (String line : procCgroup.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length != 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2Path = f[2];
                continue;
            }
            for (String controller : f[1].split(",")) {
                if (controller.equals("memory")) {
                    Optional<Path> mount = mountPoint(procMounts, "cgroup", "memory");
                    if (mount.isPresent()) {
                        return Optional.of(join(mount.get(), f[2]));
                    }
                }
            }
        }
        if (v2Path != null) {
            String unified = v2Path;
            return mountPoint(procMounts, "cgroup2", null).map(m -> join(m, unified));
        }
        return Optional.empty();
    }

    private static Path join(Path mount, String cgroupPath) {
        String rel = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        return rel.isEmpty() ? mount : mount.resolve(rel);
    }

    /** The mount point of a cgroup filesystem; for v1, the one whose options name {@code option}. */
    static Optional<Path> mountPoint(String procMounts, String fsType, String option) {
        for (String line : procMounts.split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 4 || !f[2].equals(fsType)) {
                continue;
            }
            if (option == null) {
                return Optional.of(Path.of(f[1]));
            }
            for (String o : f[3].split(",")) {
                if (o.equals(option)) {
                    return Optional.of(Path.of(f[1]));
                }
            }
        }
        return Optional.empty();
    }
}
