package dev.hyperlab.core.lab;

import dev.hyperlab.core.container.ContainerMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the user asked for in {@code hyperlab ct create} (or the TUI's create wizard).
 *
 * @param image       "debian-12" (the default image, built and imported on demand) or an engine image reference
 * @param cpus        CPU limit in CPUs (fractions allowed), 0 for none
 * @param memoryBytes memory limit, 0 for none
 * @param user        the process user of an app container; empty for the mode's default (nobody for app containers)
 * @param cloudConfig a cloud-config file for system containers
 * @param network     "none" (default) or an engine network name
 * @param command     the app container's command
 * @param loginUser   a system container's login user, created by cloud-init exactly as in a VM (sudo, the SSH keys)
 * @param sshKeyFiles public key files authorized for the login user (or for the image's default user)
 * @param runcmd      a system container's first-boot commands, as a VM's {@code --runcmd}
 * @param address     the container's address on {@code network}, empty for the engine's choice (a lab plans it)
 * @param hosts       "NAME:ADDRESS" entries for its /etc/hosts (a lab's other guests)
 */
public record ContainerRequest(String name, String image, ContainerMode mode, double cpus, long memoryBytes,
                               Optional<String> user, Optional<Path> cloudConfig, String network, List<String> command,
                               Optional<String> loginUser, List<Path> sshKeyFiles, List<String> runcmd,
                               Optional<String> address, List<String> hosts) {
    public ContainerRequest {
        command = List.copyOf(command);
        sshKeyFiles = List.copyOf(sshKeyFiles);
        runcmd = List.copyOf(runcmd);
        hosts = List.copyOf(hosts);
    }

    public ContainerRequest(String name, String image, ContainerMode mode, double cpus, long memoryBytes,
                            Optional<String> user, Optional<Path> cloudConfig, String network, List<String> command,
                            Optional<String> loginUser, List<Path> sshKeyFiles) {
        this(name, image, mode, cpus, memoryBytes, user, cloudConfig, network, command, loginUser, sshKeyFiles, List.of(),
                Optional.empty(), List.of());
    }

    /** On a lab network: {@code network} at {@code address}, these hosts entries, these first-boot commands. */
    public ContainerRequest onLab(String network, String address, List<String> hosts, List<String> runcmd) {
        return new ContainerRequest(name, image, mode, cpus, memoryBytes, user, cloudConfig, network, command, loginUser,
                sshKeyFiles, runcmd, Optional.of(address), hosts);
    }

    /** A request without a login user or SSH keys (what {@code ct create} asks for). */
    public ContainerRequest(String name, String image, ContainerMode mode, double cpus, long memoryBytes,
                            Optional<String> user, Optional<Path> cloudConfig, String network, List<String> command) {
        this(name, image, mode, cpus, memoryBytes, user, cloudConfig, network, command, Optional.empty(), List.of());
    }

    public static ContainerRequest app(String name, String image, List<String> command) {
        return new ContainerRequest(name, image, ContainerMode.APP, 0, 0, Optional.empty(), Optional.empty(), "none", command);
    }

    public static ContainerRequest system(String name, String image, Optional<Path> cloudConfig) {
        return new ContainerRequest(name, image, ContainerMode.SYSTEM, 0, 0, Optional.empty(), cloudConfig, "none", List.of());
    }

    public ContainerRequest withLimits(double cpus, long memoryBytes) {
        return new ContainerRequest(name, image, mode, cpus, memoryBytes, user, cloudConfig, network, command,
                loginUser, sshKeyFiles);
    }

    public ContainerRequest withUser(String u) {
        return new ContainerRequest(name, image, mode, cpus, memoryBytes, Optional.of(u), cloudConfig, network, command,
                loginUser, sshKeyFiles);
    }

    /** A login user and SSH keys, as {@code vm create --user --ssh-key} gives a VM (system containers only). */
    public ContainerRequest withLogin(Optional<String> login, List<Path> keyFiles) {
        return new ContainerRequest(name, image, mode, cpus, memoryBytes, user, cloudConfig, network, command,
                login, keyFiles);
    }
}
