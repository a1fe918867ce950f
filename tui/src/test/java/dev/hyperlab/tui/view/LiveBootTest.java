package dev.hyperlab.tui.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which timeline a row shows once this session's boot is over: its own, or the one the backend saved. */
class LiveBootTest {
    private static final BootTimeline LIVE = BootTimeline.empty().reached(Phase.CREATED, Duration.ofNanos(212_345_678))
            .reached(Phase.STARTED, Duration.ofMillis(1004)).reached(Phase.READY, Duration.ofMillis(96_240));

    @Test
    void theSavedStartOfTheSameBootGivesWayToTheLiveOne() {
        assertTrue(BootBoard.sameBootSoFar(LIVE, BootTimeline.empty()), "nothing saved (yet)");
        assertTrue(BootBoard.sameBootSoFar(LIVE, BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(212))),
                "saved at define time, in whole milliseconds");
        assertTrue(BootBoard.sameBootSoFar(LIVE, LIVE), "saved at the end: the same");
    }

    @Test
    void aLaterBootSavedBySomeoneElseWins() {
        assertFalse(BootBoard.sameBootSoFar(LIVE, BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(150))));
        assertFalse(BootBoard.sameBootSoFar(BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(212)),
                LIVE.reached(Phase.SSH, Duration.ofSeconds(100))), "the saved one has phases the live one lacks");
    }
}
