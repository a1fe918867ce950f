package dev.hyperlab.core.container;

import dev.hyperlab.core.model.GuestState;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine reports about one container.
 *
 * @param nanoCpus    CPU limit in 1e-9 CPUs, 0 when unlimited
 * @param memoryBytes memory limit, 0 when unlimited
 * @param pid         host PID of the container's first process, 0 when not running
 * @param exitCode    the last exit code when it has exited
 */
public record ContainerDetails(String id, String name, String image, GuestState state, String status,
                               Map<String, String> labels, long nanoCpus, long memoryBytes, int pid,
                               Optional<Integer> exitCode) {
    public Optional<String> label(String key) { return Optional.ofNullable(labels.get(key)); }
}
