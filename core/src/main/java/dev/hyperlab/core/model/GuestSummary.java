package dev.hyperlab.core.model;

import java.util.Optional;

/**
 * One row of "hyperlab list": what both kinds of guest can say about themselves.
 *
 * @param memoryBytes the configured memory (VM) or memory limit (container); 0 when unlimited
 * @param ip          the guest's address when known, else empty
 */
public record GuestSummary(
        GuestKind kind,
        String name,
        GuestState state,
        int vcpus,
        long memoryBytes,
        String image,
        BootTimeline timeline,
        Optional<String> ip) {
}
