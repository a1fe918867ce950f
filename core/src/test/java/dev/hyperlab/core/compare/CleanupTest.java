package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanupTest {
    private final FakeLab lab = new FakeLab();

    private static LaunchedGuest guest(Subject k, String name) {
        return new LaunchedGuest(k, name, BootTimeline.empty());
    }

    @Test
    void closeRemovesTrackedGuestsInReverseOrder() {
        try (Cleanup c = new Cleanup(lab)) {
            c.launching(Subject.VM, "a");
            c.track(guest(Subject.VM, "a"));
            c.launching(Subject.APP_CONTAINER, "b");
            c.track(guest(Subject.APP_CONTAINER, "b"));
        }
        assertEquals(List.of("b", "a"), lab.removed);
    }

    @Test
    void cancelRemovesAGuestWhoseLaunchHasNotReturnedAndStopsLaterOnes() {
        Cleanup c = new Cleanup(lab);
        c.launching(Subject.VM, "booting");
        c.cancel();
        assertEquals(List.of("booting"), lab.removed, "a guest still booting is removed by name");
        assertTrue(c.cancelled());
        // its launch returns after all (it got made before the removal): removed at once, caller stopped
        HyperlabException e = assertThrows(HyperlabException.class, () -> c.track(guest(Subject.VM, "booting")));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertEquals(List.of("booting", "booting"), lab.removed);
        assertThrows(HyperlabException.class, () -> c.launching(Subject.SYSTEM_CONTAINER, "next"),
                "nothing new is made after a cancel");
        c.close();
        assertEquals(2, lab.removed.size(), "close after cancel has nothing left to remove");
    }
}
