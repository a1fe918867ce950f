package dev.hyperlab.core.compare.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemInfoTest {
    @Test
    void usedIsTotalMinusAvailable() {
        MemInfo m = MemInfo.parse("""
                MemTotal:        1004512 kB
                MemFree:          712300 kB
                MemAvailable:     801224 kB
                Buffers:           12000 kB
                Cached:           110000 kB
                HugePages_Total:       0
                """);
        assertEquals(1004512L * 1024, m.totalBytes());
        assertEquals((1004512L - 801224L) * 1024, m.usedBytes());
    }

    @Test
    void oldKernelsWithoutMemAvailable() {
        MemInfo m = MemInfo.parse("MemTotal: 1000 kB\nMemFree: 500 kB\nBuffers: 100 kB\nCached: 100 kB\n");
        assertEquals(300L * 1024, m.usedBytes());
    }

    @Test
    void freeBytes() {
        MemInfo f = MemInfo.parseFreeBytes("""
                               total        used        free      shared  buff/cache   available
                Mem:      1028620288   173092864   729395200      450560   126132224   855527424
                Swap:              0           0           0
                """);
        assertEquals(1028620288L, f.totalBytes());
        assertEquals(1028620288L - 855527424L, f.usedBytes());
    }

    @Test
    void rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> MemInfo.parse("hello"));
        assertThrows(IllegalArgumentException.class, () -> MemInfo.parseFreeBytes("Mem: 1 2"));
    }
}
