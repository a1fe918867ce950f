package dev.hyperlab.core.wait;

import dev.hyperlab.core.model.Cancellation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The one way hyperlab waits for something (a boot marker, the guest agent, an SSH banner, a container's
 * readiness, launches to stop): a deadline on an injectable nano clock, a {@link Cancellation} looked at
 * before every poll, and pauses that never run past the deadline. Like testcontainers' wait strategies,
 * the caller says what "ready" is and what a timeout means to its user; this class only keeps the time.
 *
 * <p>A {@code Wait} is for one thread. Interruption is the caller's to map: the methods that pause throw
 * {@link InterruptedException}.
 */
public final class Wait {
    /** How a wait pauses between polls; tests pass one that moves their clock instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(Math.max(1, d.toMillis()));

        void sleep(Duration d) throws InterruptedException;
    }

    private final long deadline;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Cancellation cancel;
    private final String what;

    private Wait(long deadline, LongSupplier nanoClock, Sleeper sleeper, Cancellation cancel, String what) {
        this.deadline = deadline;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.cancel = cancel;
        this.what = what;
    }

    /** A wait of {@code timeout} from now on the JVM's clock, not cancellable. */
    public static Wait upTo(Duration timeout) {
        return upTo(timeout, System::nanoTime, Cancellation.NONE, "waiting");
    }

    /**
     * A wait of {@code timeout} from now.
     *
     * @param what what is going on, for the cancellation error, e.g. "booting VM x"
     */
    public static Wait upTo(Duration timeout, LongSupplier nanoClock, Cancellation cancel, String what) {
        return until(nanoClock.getAsLong() + timeout.toNanos(), nanoClock, Sleeper.REAL, cancel, what);
    }

    /** A wait that ends at {@code deadlineNanos} on {@code nanoClock}. */
    public static Wait until(long deadlineNanos, LongSupplier nanoClock, Sleeper sleeper, Cancellation cancel,
                             String what) {
        return new Wait(deadlineNanos, nanoClock, sleeper, cancel, what);
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return left().isZero();
    }

    /** The time left, zero once the deadline has passed. */
    public Duration left() {
        return Duration.ofNanos(Math.max(0, deadline - nanoClock.getAsLong()));
    }

    /** Throws {@code CANCELLED} when the wait's token is cancelled. */
    public void check() {
        cancel.check(what);
    }

    /**
     * Asks {@code ready} until it says yes (true) or the deadline passes (false), pausing {@code every}
     * between asks (less before the deadline). It is asked at least once, and once more at the deadline.
     */
    public boolean poll(Duration every, BooleanSupplier ready) throws InterruptedException {
        return pollBackingOff(every, every, ready);
    }

    /**
     * As {@link #poll}, pausing {@code first}, then twice as long after each ask, up to {@code most}: an
     * answer that usually comes within milliseconds is seen within milliseconds, and a long wait still
     * asks only every {@code most}.
     */
    public boolean pollBackingOff(Duration first, Duration most, BooleanSupplier ready) throws InterruptedException {
        Duration every = first;
        while (true) {
            check();
            if (ready.getAsBoolean()) {
                return true;
            }
            Duration left = left();
            if (left.isZero()) {
                return false;
            }
            sleeper.sleep(every.compareTo(left) < 0 ? every : left);
            every = every.multipliedBy(2).compareTo(most) < 0 ? every.multipliedBy(2) : most;
        }
    }

    /**
     * Waits for {@code latch} until the deadline (true once it is open, false on timeout), looking at the
     * cancellation token every {@code every}.
     */
    public boolean await(CountDownLatch latch, Duration every) throws InterruptedException {
        while (true) {
            check();
            long left = left().toNanos();
            if (left <= 0) {
                return latch.getCount() == 0;
            }
            if (latch.await(Math.min(left, every.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
    }
}
