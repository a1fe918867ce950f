package dev.hyperlab.core.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPUs and memory of this host, read locally: the engine's own /info call takes ~1 s on Podman 4.3,
 * too slow for every create. Limits are checked against these (the engine runs on this host).
 */
public record HostResources(int cpus, long memoryBytes) {

    public static HostResources local() {
        return new HostResources(Runtime.getRuntime().availableProcessors(), memTotal());
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown: no upper bound is checked
        }
        return 0;
    }
}
