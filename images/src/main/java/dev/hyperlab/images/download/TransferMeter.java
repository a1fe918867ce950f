package dev.hyperlab.images.download;

import dev.hyperlab.images.Progress;
import dev.hyperlab.images.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns byte counts into throttled progress events (bytes, rate, ETA): at most one event per
 * {@code interval}, plus the final one. The clock is injected so tests can drive time.
 */
public final class TransferMeter {
    private final Clock clock;
    private final Duration interval;
    private final ProgressListener listener;
    private final String phase;
    private final Instant start;
    private final long startBytes;
    private Instant lastEvent;
    private long done;
    private long total = -1;

    public TransferMeter(String phase, Clock clock, Duration interval, ProgressListener listener, long alreadyDone) {
        this.phase = phase;
        this.clock = clock;
        this.interval = interval;
        this.listener = listener;
        this.start = clock.instant();
        this.startBytes = alreadyDone;
        this.done = alreadyDone;
        this.lastEvent = Instant.MIN;
    }

    public void total(long total) { this.total = total; }

    public long done() { return done; }

    /** Records {@code n} more bytes; emits an event if the interval has passed. */
    public void add(long n) {
        done += n;
        Instant now = clock.instant();
        if (lastEvent == Instant.MIN || Duration.between(lastEvent, now).compareTo(interval) >= 0) {
            emit(now);
        }
    }

    /** Emits the final event regardless of the interval. */
    public void finish() {
        emit(clock.instant());
    }

    private void emit(Instant now) {
        lastEvent = now;
        Duration elapsed = Duration.between(start, now);
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? (done - startBytes) / seconds : 0;
        Duration eta = total > 0 && rate > 0 ? Duration.ofMillis((long) ((total - done) / rate * 1000)) : null;
        listener.onProgress(new Progress(phase, elapsed, done, total, rate, eta, ""));
    }
}
