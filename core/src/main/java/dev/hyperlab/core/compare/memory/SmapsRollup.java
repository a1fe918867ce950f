package dev.hyperlab.core.compare.memory;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident (RSS) and proportional (PSS) set size from {@code /proc/PID/smaps_rollup}.
 * PSS splits shared pages between the processes that map them, so several QEMU processes sharing
 * the same libraries are not each charged for all of them.
 */
public record SmapsRollup(long rssBytes, long pssBytes) {

    public static SmapsRollup read(long pid) {
        Path p = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        try {
            return parse(Files.readString(p));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED,
                    "reading memory of process " + pid + " failed: " + e.getMessage(),
                    "try again as root (smaps_rollup of another user's process needs it), and check the process still runs", e);
        }
    }

    /** As {@link #read}, empty when the process is gone or unreadable. */
    public static java.util.Optional<SmapsRollup> tryRead(long pid) {
        try {
            return java.util.Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "smaps_rollup"))));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Parses the "Rss:" and "Pss:" lines (values in kB). */
    public static SmapsRollup parse(String text) {
        long rss = -1;
        long pss = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("Rss:")) {
                rss = kbField(line);
            } else if (line.startsWith("Pss:")) {
                pss = kbField(line);
            }
        }
        if (rss < 0 || pss < 0) {
            throw new IllegalArgumentException("smaps_rollup without Rss/Pss lines");
        }
        return new SmapsRollup(rss, pss);
    }

    static long kbField(String line) {
        String[] f = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        long v = Long.parseLong(f[0]);
        return f.length > 1 && f[1].equalsIgnoreCase("kB") ? v * 1024 : v;
    }
}
