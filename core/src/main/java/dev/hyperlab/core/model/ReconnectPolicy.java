package dev.hyperlab.core.model;

import java.time.Duration;

/**
 * How an adapter gets its daemon back after losing it (libvirtd or the container engine
 * restarted): attempts spaced by a doubling delay, from {@code first} up to {@code max}; a call
 * that needs the daemon waits at most {@code window} for it before it fails. One policy for the
 * CLI and the TUI: a restart of a few seconds is ridden out, a daemon that stays away is reported.
 *
 * @param first  delay before the second attempt (the first is immediate)
 * @param max    the longest delay between two attempts
 * @param window how long a call waits for the daemon to come back before it fails
 */
public record ReconnectPolicy(Duration first, Duration max, Duration window) {
    /** 250 ms, doubling to 5 s; calls wait up to 60 s (libvirtd restarts in 1 to 3 s here). */
    public static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(60));

    public ReconnectPolicy {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || window.isNegative()) {
            throw new IllegalArgumentException("bad reconnect policy: first " + first + ", max " + max
                    + ", window " + window);
        }
    }

    /** The pause after failed attempt number {@code attempt} (1-based): first, 2 first, 4 first, ... max. */
    public Duration delayAfter(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long nanos = first.toNanos();
        for (int i = 0; i < doublings && nanos < max.toNanos(); i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    /** The clock and the pause a wait uses; tests inject a fake one so no test sleeps. */
    public interface Clock {
        Clock SYSTEM = new Clock() {
            @Override public long nanoTime() { return System.nanoTime(); }

            @Override public void sleep(Duration d) throws InterruptedException { Thread.sleep(d.toMillis()); }
        };

        long nanoTime();

        void sleep(Duration d) throws InterruptedException;
    }
}
