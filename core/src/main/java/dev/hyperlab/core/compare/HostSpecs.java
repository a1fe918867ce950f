package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.memory.MemInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's CPU model, CPU count, memory and kernel, for report metadata. */
public record HostSpecs(String cpuModel, int cpus, long memoryBytes, String kernel) {

    public static HostSpecs read() {
        return new HostSpecs(cpuModel(readOrEmpty("/proc/cpuinfo")),
                Runtime.getRuntime().availableProcessors(),
                MemInfo.parse(readOrEmpty("/proc/meminfo")).totalBytes(),
                readOrEmpty("/proc/sys/kernel/osrelease").trim());
    }

    /** The 1-minute load average from /proc/loadavg; NaN when unreadable. */
    public static double loadAverage() {
        return parseLoadAverage(readOrEmpty("/proc/loadavg"));
    }

    static double parseLoadAverage(String loadavg) {
        try {
            return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The first "model name" of /proc/cpuinfo, or "unknown". */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
            }
        }
        return "unknown";
    }

    private static String readOrEmpty(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "";
        }
    }
}
