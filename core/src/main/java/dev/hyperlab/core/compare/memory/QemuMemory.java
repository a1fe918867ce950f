package dev.hyperlab.core.compare.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a QEMU process's resident memory goes, from {@code /proc/PID/smaps}: the guest's RAM (the
 * anonymous mapping of the guest's memory size, resident as far as the guest has touched it), and under
 * TCG the translated-code cache (QEMU's anonymous read-write-execute mapping, up to 1 GiB, which KVM does
 * not have). The rest is QEMU itself: device models, libraries, heap.
 *
 * @param guestRamRssBytes resident part of the guest's RAM mapping; empty when no mapping of that size was found
 * @param tcgCacheRssBytes resident part of anonymous rwx mappings (0 under KVM)
 */
public record QemuMemory(OptionalLong guestRamRssBytes, long tcgCacheRssBytes) {

    /** Reads {@code /proc/PID/smaps}; empty when it cannot be read. */
    public static Optional<QemuMemory> read(long pid, long guestMemoryBytes) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "smaps")), guestMemoryBytes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param guestMemoryBytes the guest's memory size: its RAM is the anonymous non-executable mapping of that
     *                         size (up to 2 MiB of alignment more)
     */
    public static QemuMemory parse(String smaps, long guestMemoryBytes) {
        long ram = -1;
        long tcg = 0;
        long size = 0;
        boolean anon = false;
        boolean exec = false;
        boolean writable = false;
        for (String line : smaps.split("\n")) {
            int sp = line.indexOf(' ');
            int dash = line.indexOf('-');
            if (dash > 0 && sp > dash && isHex(line.substring(0, dash))) { // a mapping's header
                String[] f = line.trim().split("\\s+");
                long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
                long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
                size = end - start;
                writable = f[1].length() >= 3 && f[1].charAt(1) == 'w';
                exec = f[1].length() >= 3 && f[1].charAt(2) == 'x';
                anon = f.length < 6 || f[5].isEmpty();
                continue;
            }
            if (line.startsWith("Rss:") && anon && writable) {
                long rss = SmapsRollup.kbField(line);
                if (exec) {
                    tcg += rss;
                } else if (size >= guestMemoryBytes && size <= guestMemoryBytes + (2L << 20)) {
                    ram = Math.max(ram, rss);
                }
            }
        }
        return new QemuMemory(ram < 0 ? OptionalLong.empty() : OptionalLong.of(ram), tcg);
    }

    private static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
