package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostGaugesTest {
    @TempDir
    Path proc;

    private void write(String path, String text) throws Exception {
        Files.createDirectories(proc.resolve(path).getParent());
        Files.writeString(proc.resolve(path), text);
    }

    @Test
    void readsTheCountersFromAProcTree() throws Exception {
        write("meminfo", "MemTotal:       24684000 kB\nMemFree:        20000000 kB\nMemAvailable:   22000000 kB\n");
        write("loadavg", "11.76 7.09 6.39 10/340 17095\n");
        write("sys/kernel/pid_max", "32768\n");
        write("sys/kernel/threads-max", "192724\n");
        write("sys/fs/inotify/max_user_instances", "128\n");
        HostGauges g = new HostGauges.Proc(proc);

        assertEquals(22_000_000L * 1024, g.memAvailableBytes());
        assertEquals(340, g.tasks(), "the total after the slash, not the runnable count");
        assertEquals(OptionalLong.of(32768), g.taskLimit(), "the lower of pid_max and threads-max");
        assertEquals(OptionalLong.of(128), g.inotifyInstanceLimit());
        assertEquals(0, g.rootInotifyInstances(), "no process directories");
    }

    @Test
    void unknownLimitsAreEmptyAndUnreadableMemoryIsZero() {
        HostGauges g = new HostGauges.Proc(proc);
        assertEquals(0, g.memAvailableBytes(), "0 makes the reserve check stop the sweep: the safe side");
        assertTrue(g.taskLimit().isEmpty());
        assertTrue(g.inotifyInstanceLimit().isEmpty());
    }

    @Test
    void theRealProcGivesWholeNumbers() {
        // a sysctl read with Files.readString gave "3" for 32768 here: the limits must be whole
        HostGauges.PROC.taskLimit().ifPresent(l -> assertTrue(l >= 1000, "task limit " + l));
        HostGauges.PROC.inotifyInstanceLimit().ifPresent(l -> assertTrue(l >= 16, "inotify limit " + l));
    }
}
