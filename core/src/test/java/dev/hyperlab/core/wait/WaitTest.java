package dev.hyperlab.core.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Cancellation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waits keep time on the clock they are given: nothing here sleeps. */
class WaitTest {
    private long now = 1_000_000_000L;
    private final List<Duration> pauses = new ArrayList<>();
    private final Wait.Sleeper sleeper = d -> {
        pauses.add(d);
        now += d.toNanos();
    };

    private Wait upTo(Duration timeout, Cancellation cancel) {
        return Wait.until(now + timeout.toNanos(), () -> now, sleeper, cancel, "booting VM t");
    }

    @Test
    void pollsUntilReadyAndPausesBetweenAsks() throws InterruptedException {
        AtomicInteger asks = new AtomicInteger();
        assertTrue(upTo(Duration.ofSeconds(10), Cancellation.NONE).poll(Duration.ofSeconds(1), () -> asks.incrementAndGet() == 3));
        assertEquals(3, asks.get());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), pauses);
    }

    @Test
    void neverPausesPastTheDeadlineAndAsksOnceMoreThere() throws InterruptedException {
        AtomicInteger asks = new AtomicInteger();
        Wait wait = upTo(Duration.ofMillis(2500), Cancellation.NONE);
        assertFalse(wait.poll(Duration.ofSeconds(1), () -> {
            asks.incrementAndGet();
            return false;
        }));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500)), pauses);
        assertEquals(4, asks.get(), "at 0, 1, 2 and 2.5 s");
        assertTrue(wait.expired());
        assertEquals(Duration.ZERO, wait.left());
    }

    @Test
    void aBackingOffPollAsksSoonThenEverLessOftenUpToItsLongestPause() throws InterruptedException {
        AtomicInteger asks = new AtomicInteger();
        assertTrue(upTo(Duration.ofSeconds(10), Cancellation.NONE)
                .pollBackingOff(Duration.ofMillis(10), Duration.ofMillis(50), () -> asks.incrementAndGet() == 6));
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(50),
                Duration.ofMillis(50)), pauses);
    }

    @Test
    void aBackingOffPollStopsAtItsDeadline() throws InterruptedException {
        assertFalse(upTo(Duration.ofMillis(25), Cancellation.NONE)
                .pollBackingOff(Duration.ofMillis(10), Duration.ofSeconds(1), () -> false));
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(15)), pauses, "the last pause ends at the deadline");
    }

    @Test
    void aConditionAlreadyTrueNeedsNoTimeEvenPastTheDeadline() throws InterruptedException {
        assertTrue(upTo(Duration.ZERO, Cancellation.NONE).poll(Duration.ofSeconds(1), () -> true));
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aCancelledWaitStopsBeforeItsNextAskWithTheCancellationError() {
        Cancellation cancel = new Cancellation();
        AtomicInteger asks = new AtomicInteger();
        HyperlabException e = assertThrows(HyperlabException.class, () -> upTo(Duration.ofMinutes(5), cancel)
                .poll(Duration.ofSeconds(1), () -> {
                    if (asks.incrementAndGet() == 2) {
                        cancel.cancel("user pressed Esc");
                    }
                    return false;
                }));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals("booting VM t was cancelled (user pressed Esc)", e.getMessage());
        assertEquals(2, asks.get());
    }

    @Test
    void anOpenLatchIsReadyAndACancelledOneThrows() throws InterruptedException {
        CountDownLatch open = new CountDownLatch(0);
        assertTrue(upTo(Duration.ofMinutes(1), Cancellation.NONE).await(open, Duration.ofMillis(100)));

        CountDownLatch shut = new CountDownLatch(1);
        assertFalse(upTo(Duration.ZERO, Cancellation.NONE).await(shut, Duration.ofMillis(100)), "deadline passed, latch shut");

        Cancellation cancel = new Cancellation();
        cancel.cancel("quit");
        assertEquals(ErrorCode.CANCELLED, assertThrows(HyperlabException.class,
                () -> upTo(Duration.ofMinutes(1), cancel).await(shut, Duration.ofMillis(100))).code());
    }
}
