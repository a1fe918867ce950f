package dev.hyperlab.tui.data;

import java.time.Duration;
import java.util.Optional;

/**
 * Counters read for one guest at one moment; the refresh pipeline turns two samples into a CPU %.
 *
 * @param cpuTimeNanos cumulative CPU time the guest used, on all its vCPUs / processes; -1 when the
 *                     backend does not report it
 * @param uptime       how long the guest has run, when the backend can tell on the host clock
 */
public record GuestSample(long cpuTimeNanos, Optional<Duration> uptime) {
}
