package dev.hyperlab.core.vm;

import java.time.Instant;
import java.util.Optional;

/**
 * One snapshot of a VM.
 *
 * @param parent   the snapshot this one was taken on top of, if any
 * @param current  whether the guest runs on top of this snapshot now
 * @param state    the guest state when taken ("running", "shutoff", ...)
 */
public record SnapshotInfo(String name, Optional<String> parent, boolean current, String state,
                           Instant created, String description) {}
