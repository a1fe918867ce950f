package dev.hyperlab.tui.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory and load average from /proc, cheap enough to read every second. */
public record HostLoad(long memTotalBytes, long memAvailableBytes, String loadAverage) {

    public static HostLoad read() {
        return read(Path.of("/proc"));
    }

    static HostLoad read(Path proc) {
        long total = 0;
        long avail = 0;
        String load = "?";
        try {
            for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = kib(line);
                } else if (line.startsWith("MemAvailable:")) {
                    avail = kib(line);
                }
            }
            String[] f = Files.readString(proc.resolve("loadavg")).trim().split(" ");
            load = f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc hidden: the header shows what it has
        }
        return new HostLoad(total, avail, load);
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
}
