package dev.hyperlab.core.container;

import java.time.Duration;

/**
 * What a running container has used so far, read by the engine at one moment: the TUI turns two
 * readings into a CPU % as it does a VM's.
 *
 * @param cpuTimeNanos cumulative CPU time of all its processes (its cgroup's account), in nanoseconds
 * @param uptime       how long it has run since its last start, both ends on the engine's clock
 */
public record ContainerUsage(long cpuTimeNanos, Duration uptime) {
}
