package dev.hyperlab.core.vm;

import java.time.Duration;
import java.util.Optional;

/**
 * A migration's numbers, as libvirt's job info tells them: while it runs (progress) and once it ended
 * (then with the downtime: how long the guest was paused for the switch-over).
 *
 * @param dataTotal     bytes to move (memory and, with copied storage, disk), as known so far
 * @param dataProcessed bytes moved so far
 * @param dataRemaining bytes left
 * @param memRemaining  memory bytes left (dirtied pages count again)
 * @param downtime      empty while it runs, or when libvirt did not tell
 */
public record MigrationJob(Duration elapsed, long dataTotal, long dataProcessed, long dataRemaining,
                           long memRemaining, Optional<Duration> downtime) {
    public static final MigrationJob NONE = new MigrationJob(Duration.ZERO, 0, 0, 0, 0, Optional.empty());

    /** Bytes per second over the whole job so far. */
    public long bytesPerSecond() {
        long ms = elapsed.toMillis();
        return ms <= 0 ? 0 : dataProcessed * 1000 / ms;
    }
}
