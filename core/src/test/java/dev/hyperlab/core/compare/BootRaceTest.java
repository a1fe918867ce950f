package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootRaceTest {
    private final FakeLab lab = new FakeLab();
    private final CompareOptions o = new CompareOptions("debian-12", 1, 1, 1L << 30, null, Duration.ofMinutes(15), 0, 1, 1);

    @Test
    void allReadyAreReturnedAndOwnedByTheCleanup() {
        Map<Subject, LaunchedGuest> gs;
        try (Cleanup c = new Cleanup(lab)) {
            gs = BootRace.run(lab, c, SideBySideRun.RACERS, o, "t1", CompareListener.NONE);
            assertEquals(3, lab.existing.size(), "the cold VM, the instant clone and the system container");
        }
        assertEquals(SideBySideRun.RACERS, List.copyOf(gs.keySet()));
        assertTrue(lab.existing.isEmpty());
    }

    @Test
    void theFirstFailureEndsTheRaceCancelsAVmStillBootingAndIsReported() {
        lab.fail.add(Subject.SYSTEM_CONTAINER);
        lab.hang.add(Subject.VM);
        try (Cleanup c = new Cleanup(lab)) {
            long t0 = System.nanoTime();
            HyperlabException e = assertThrows(HyperlabException.class,
                    () -> BootRace.run(lab, c, SideBySideRun.RACERS, o, "t2", CompareListener.NONE));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5_000, "reported after " + ms + " ms, not at once");
            assertEquals(ErrorCode.UNAVAILABLE, e.code(), "the container's own failure, not the VM's cancellation");
            assertTrue(e.getMessage().contains("container engine refused"), e.getMessage());
            assertTrue(lab.existing.isEmpty(), "the VM is removed before the race reports: " + lab.existing);
            // the instant clone is ready at once in this lab, but on a loaded host its launch may still be in
            // its phases when the container fails: then it is cancelled too, which is as right
            assertTrue(lab.cancelledLaunches.contains("hldemo-t2-vm"), lab.cancelledLaunches.toString());
            assertTrue(List.of("hldemo-t2-vm", "hldemo-t2-vm-clone").containsAll(lab.cancelledLaunches),
                    lab.cancelledLaunches.toString());
        }
    }

    @Test
    void theFirstFailureAlsoStopsAVmStillBeingCreated() {
        lab.fail.add(Subject.SYSTEM_CONTAINER);
        lab.hangInCreation.add(Subject.VM);
        try (Cleanup c = new Cleanup(lab)) {
            HyperlabException e = assertThrows(HyperlabException.class,
                    () -> BootRace.run(lab, c, SideBySideRun.RACERS, o, "t3", CompareListener.NONE));
            assertTrue(e.getMessage().contains("container engine refused"), e.getMessage());
            assertTrue(lab.cancelledLaunches.contains("hldemo-t3-vm"), lab.cancelledLaunches.toString());
            assertTrue(List.of("hldemo-t3-vm", "hldemo-t3-vm-clone").containsAll(lab.cancelledLaunches),
                    lab.cancelledLaunches.toString()); // the clone too, when its launch had not ended (see above)
            assertTrue(lab.existing.isEmpty());
            assertTrue(c.failures().isEmpty(), c.failures().toString());
        }
    }

    @Test
    void aRacerReadyBeforeTheOtherFailedIsRemoved() {
        lab.fail.add(Subject.VM);
        try (Cleanup c = new Cleanup(lab)) {
            assertThrows(HyperlabException.class,
                    () -> BootRace.run(lab, c, List.of(Subject.APP_CONTAINER, Subject.VM), o, "t4", CompareListener.NONE));
            assertTrue(lab.existing.isEmpty(), "removed by the race, not only at close: " + lab.existing);
        }
    }
}
