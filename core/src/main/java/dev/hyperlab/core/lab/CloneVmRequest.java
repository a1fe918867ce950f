package dev.hyperlab.core.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code vm clone SOURCE NAME}: the fields mean what the {@code vm create} options of the same name
 * mean. The login user and keys go into the clone's new seed; the source's users stay in the disk.
 */
public record CloneVmRequest(String source, String name, Optional<String> user, List<Path> sshKeyFiles,
                             boolean start, boolean waitReady, Duration timeout) {
    public CloneVmRequest {
        sshKeyFiles = List.copyOf(sshKeyFiles);
    }
}
