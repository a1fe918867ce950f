package dev.hyperlab.core.compare.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.model.Subject;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryProbeTest {
    @Test
    void parentPidFromProcStatus() {
        assertEquals(23173, MemoryProbe.parentPid("Name:\tsleep\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t23183\n"
                + "Ngid:\t0\nPid:\t23183\nPPid:\t23173\nTracerPid:\t0\n"));
        assertEquals(-1, MemoryProbe.parentPid("Name:\tx\n"));
    }

    @Test
    void theMonitorOfThisProcessIsNotGuessed() {
        // this JVM's parent does not name a container id on its command line
        assertTrue(MemoryProbe.monitorPid(ProcessHandle.current().pid(), "f1d8ffc4fc21c4da24e072ca9d1aaf69").isEmpty());
        assertTrue(MemoryProbe.monitorPid(ProcessHandle.current().pid(), null).isEmpty());
    }

    @Test
    void aContainerThatSeesTheHostsMemoryReportsNoUsedOfItsOwn() {
        long mb = 1L << 20;
        MemoryLedger l = MemoryLedger.hostViewContainer(Subject.APP_CONTAINER, 1, 3 * mb, mb, OptionalLong.of(mb / 2));
        assertTrue(l.guestUsedBytes().isEmpty() && l.guestTotalBytes().isEmpty());
        assertEquals(3 * mb + mb / 2, l.hostCostBytes().orElseThrow(), "the cgroup plus conmon's PSS");
        assertEquals(mb, l.workloadBytes().orElseThrow(), "the cgroup's anonymous memory");
        assertEquals(2 * mb + mb / 2, l.overheadBytes().orElseThrow());
        // even when a caller passes the host's figures, a host view keeps them out
        MemoryLedger passed = new MemoryLedger(Subject.APP_CONTAINER, 1, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(3 * mb), OptionalLong.of(mb), OptionalLong.empty(), OptionalLong.of(9000 * mb),
                OptionalLong.of(24000 * mb), true);
        assertTrue(passed.guestUsedBytes().isEmpty());
    }
}
