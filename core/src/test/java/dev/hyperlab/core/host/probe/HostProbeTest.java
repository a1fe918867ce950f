package dev.hyperlab.core.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostProbeTest {
    @Test
    void cgroupModeIsReadFromTheMountTable() {
        assertEquals("v2 (unified)", HostProbe.cgroupModeFromMounts("cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n"));
        assertEquals("hybrid (v1 + v2)", HostProbe.cgroupModeFromMounts(
                "cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\ncgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n"));
        assertEquals("v1 (legacy)", HostProbe.cgroupModeFromMounts("cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n"));
    }
}
