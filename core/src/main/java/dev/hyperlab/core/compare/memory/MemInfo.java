package dev.hyperlab.core.compare.memory;

import java.util.HashMap;
import java.util.Map;

/**
 * Memory as a (guest) kernel reports it in {@code /proc/meminfo}. Used = MemTotal - MemAvailable,
 * the same figure {@code free} prints as "used" plus the part of buffers/cache that cannot be
 * reclaimed.
 */
public record MemInfo(long totalBytes, long availableBytes) {

    public long usedBytes() { return totalBytes - availableBytes; }

    public static MemInfo parse(String procMeminfo) {
        Map<String, Long> kv = new HashMap<>();
        for (String line : procMeminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                try {
                    kv.put(line.substring(0, colon).trim(), SmapsRollup.kbField(line));
                } catch (NumberFormatException e) {
                    // not a number line; ignore
                }
            }
        }
        Long total = kv.get("MemTotal");
        if (total == null) {
            throw new IllegalArgumentException("no MemTotal in /proc/meminfo output");
        }
        Long avail = kv.get("MemAvailable");
        if (avail == null) { // kernels before 3.14
            avail = kv.getOrDefault("MemFree", 0L) + kv.getOrDefault("Buffers", 0L) + kv.getOrDefault("Cached", 0L);
        }
        return new MemInfo(total, avail);
    }

    /** Parses the "Mem:" line of {@code free -b}: total used free shared buff/cache available. */
    public static MemInfo parseFreeBytes(String freeOutput) {
        for (String line : freeOutput.split("\n")) {
            if (line.startsWith("Mem:")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 7) {
                    return new MemInfo(Long.parseLong(f[1]), Long.parseLong(f[6]));
                }
            }
        }
        throw new IllegalArgumentException("no 'Mem:' line with 6 numbers in free -b output");
    }
}
