package dev.hyperlab.core.lab;

import dev.hyperlab.core.vm.NetworkSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code vm create NAME --from-template T}: a VM restored from template T's saved state, then given
 * its own identity. The sizes are the template's; asking for others is refused, since the saved
 * state holds the CPUs, the memory and the disk size the guest saw.
 *
 * @param network     {@code nat} or {@code user} (both the template's user-mode NIC); {@code none}
 *                    keeps the device, restricted and without the SSH forward; a named network or
 *                    one lab NIC moves the same device onto that libvirt network
 * @param cloudConfig refused when present: cloud-init does not run in a restored clone
 */
public record InstantCloneRequest(String name, String template, Optional<String> user, List<Path> sshKeyFiles,
                                  Optional<String> hostname, List<String> runcmd, NetworkSpec network,
                                  Optional<Path> cloudConfig, Optional<Integer> cpus, Optional<Long> memoryBytes,
                                  Optional<Long> diskBytes, Duration timeout) {
    public InstantCloneRequest {
        sshKeyFiles = List.copyOf(sshKeyFiles);
        runcmd = List.copyOf(runcmd);
    }

    public static InstantCloneRequest of(String name, String template) {
        return new InstantCloneRequest(name, template, Optional.empty(), List.of(), Optional.empty(), List.of(),
                NetworkSpec.USER, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(2));
    }

    public InstantCloneRequest withUser(String u, List<Path> keys) {
        return new InstantCloneRequest(name, template, Optional.ofNullable(u), keys, hostname, runcmd, network, cloudConfig,
                cpus, memoryBytes, diskBytes, timeout);
    }

    public InstantCloneRequest withRuncmd(List<String> cmds) {
        return new InstantCloneRequest(name, template, user, sshKeyFiles, hostname, cmds, network, cloudConfig,
                cpus, memoryBytes, diskBytes, timeout);
    }

    public InstantCloneRequest withNetwork(NetworkSpec n) {
        return new InstantCloneRequest(name, template, user, sshKeyFiles, hostname, runcmd, n, cloudConfig,
                cpus, memoryBytes, diskBytes, timeout);
    }
}
