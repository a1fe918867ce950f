package dev.hyperlab.core.host.probe;

import dev.hyperlab.core.host.HostFacts;
import dev.hyperlab.core.host.linux.KvmProbe;
import dev.hyperlab.core.host.linux.LibvirtProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Gathers {@link HostFacts} from the running host. Each probe reports its own failure as a fact. */
public final class HostProbe {
    private HostProbe() {}

    /** @param engineEndpoints where to look for the container engine, in order (see {@code EngineEndpoint}) */
    public static HostFacts collect(String libvirtUri, List<String> engineEndpoints, Path dataDir) {
        return new HostFacts(
                KvmProbe.probe(),
                LibvirtProbe.probe(libvirtUri),
                processRunning("virtlogd"),
                EngineFactsProbe.probe(engineEndpoints),
                cgroupMode(),
                onPath("mmdebstrap"),
                onPath("qemu-img"),
                dataDir,
                freeBytes(dataDir));
    }

    /** cgroup2fs at the root is v2; cgroup2 mounted beside v1 controllers is hybrid; else v1. */
    static String cgroupMode() {
        String mounts;
        try {
            mounts = Files.readString(Path.of("/proc/self/mounts"));
        } catch (IOException e) {
            return "unknown";
        }
        return cgroupModeFromMounts(mounts);
    }

    static String cgroupModeFromMounts(String mounts) {
        boolean v1 = false;
        boolean v2 = false;
        for (String line : mounts.split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 3) {
                continue;
            }
            if (f[2].equals("cgroup2")) {
                if (f[1].equals("/sys/fs/cgroup")) {
                    return "v2 (unified)";
                }
                v2 = true;
            } else if (f[2].equals("cgroup")) {
                v1 = true;
            }
        }
        if (v1 && v2) {
            return "hybrid (v1 + v2)";
        }
        return v1 ? "v1 (legacy)" : v2 ? "v2 (unified)" : "none mounted";
    }

    static boolean processRunning(String comm) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .anyMatch(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals(comm);
                        } catch (IOException e) {
                            return false; // the process ended while we looked
                        }
                    });
        } catch (IOException e) {
            return false;
        }
    }

    public static Optional<Path> onPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            Path candidate = Path.of(dir).resolve(binary);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static long freeBytes(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent(); // the data dir may not exist yet: ask the disk it will live on
        }
        try {
            return p == null ? 0 : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
