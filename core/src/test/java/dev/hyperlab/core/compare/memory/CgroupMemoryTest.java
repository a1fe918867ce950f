package dev.hyperlab.core.compare.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupMemoryTest {
    static final String HYBRID_MOUNTS = """
            tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
            cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
            cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
            cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
            """;
    static final String V2_MOUNTS = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n";

    @Test
    void v1MemoryControllerWinsOnHybridHosts() {
        String procCgroup = """
                9:name=systemd:/libpod_parent/libpod-abc
                4:memory:/libpod_parent/libpod-abc
                1:cpu:/libpod_parent/libpod-abc
                0::/libpod_parent/libpod-abc
                """;
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/memory/libpod_parent/libpod-abc")),
                CgroupMemory.locate(procCgroup, HYBRID_MOUNTS));
    }

    @Test
    void combinedV1Controllers() {
        String mounts = "cgroup /sys/fs/cgroup/memory,cpu cgroup rw,cpu,memory 0 0\n";
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/memory,cpu/x")),
                CgroupMemory.locate("3:cpu,memory:/x\n", mounts));
    }

    @Test
    void unifiedHierarchy() {
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/machine.slice/libpod-abc.scope/container")),
                CgroupMemory.locate("0::/machine.slice/libpod-abc.scope/container\n", V2_MOUNTS));
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup")), CgroupMemory.locate("0::/\n", V2_MOUNTS));
    }

    @Test
    void noMemoryControllerMounted() {
        assertTrue(CgroupMemory.locate("1:cpu:/x\n", "cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n").isEmpty());
    }

    @Test
    void v1SubtractsCache(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("memory.usage_in_bytes"), "10485760\n");
        Files.writeString(dir.resolve("memory.stat"), "cache 4194304\nrss 5242880\ntotal_cache 4194304\ntotal_rss 5242880\n");
        CgroupMemory m = CgroupMemory.read(dir);
        assertEquals(1, m.version());
        assertEquals(6291456, m.usageBytes());
        assertEquals(10485760, m.rawUsageBytes());
        assertEquals(5242880, m.anonBytes());
        assertEquals(4194304, m.fileBytes());
    }

    @Test
    void v2UsesCurrentAndStat(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("memory.current"), "8388608\n");
        Files.writeString(dir.resolve("memory.stat"), "anon 3145728\nfile 2097152\nkernel_stack 16384\n");
        CgroupMemory m = CgroupMemory.read(dir);
        assertEquals(2, m.version());
        assertEquals(8388608 - 2097152, m.usageBytes());
        assertEquals(3145728, m.anonBytes());
    }

    @Test
    void readsThisProcessCgroupOnThisHost() {
        // The JVM's own cgroup (often the root here): the reader must find and parse it.
        CgroupMemory m = CgroupMemory.forPid(ProcessHandle.current().pid());
        assertTrue(m.rawUsageBytes() > 0, m.toString());
    }
}
