package dev.hyperlab.core.compare.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QemuMemoryTest {
    /** Abridged /proc/PID/smaps of a 1 GiB TCG guest's QEMU on this host (qemu 7.2, Debian 12). */
    static final String SMAPS = """
            55d1c6e00000-55d1c7200000 r-xp 00000000 fe:00 1312345                    /usr/bin/qemu-system-x86_64
            Size:               4096 kB
            Rss:                9120 kB
            Pss:                4560 kB
            7f0bc4000000-7f0bc8000000 rw-p 00000000 00:00 0 
            Size:              65536 kB
            Rss:               65408 kB
            Pss:               65408 kB
            7f0bd3e00000-7f0c13e00000 rw-p 00000000 00:00 0 
            Size:            1048576 kB
            Rss:              270336 kB
            Pss:              270336 kB
            7f0c14000000-7f0c53fff000 rwxp 00000000 00:00 0 
            Size:            1048572 kB
            Rss:              577536 kB
            Pss:              577536 kB
            7ffd5a1c0000-7ffd5a1e1000 rw-p 00000000 00:00 0                          [stack]
            Size:                132 kB
            Rss:                  24 kB
            """;

    @Test
    void guestRamIsTheAnonymousMappingOfTheGuestsSizeAndTheCodeCacheTheRwxOne() {
        QemuMemory m = QemuMemory.parse(SMAPS, 1L << 30);
        assertEquals(270336L * 1024, m.guestRamRssBytes().orElseThrow());
        assertEquals(577536L * 1024, m.tcgCacheRssBytes());
    }

    @Test
    void underKvmThereIsNoCodeCacheAndAnUnknownSizeFindsNoRam() {
        String kvm = SMAPS.replace("rwxp", "rw-p");
        assertEquals(0, QemuMemory.parse(kvm, 1L << 30).tcgCacheRssBytes());
        assertTrue(QemuMemory.parse(SMAPS, 2L << 30).guestRamRssBytes().isEmpty());
    }
}
