package dev.hyperlab.core.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Writes a NoCloud seed directory (user-data, meta-data, network-config) for one system container. */
public interface SeedWriter {

    /** What the container must be told about the seed it gets. */
    record Seed(String instanceId, String hostname, String readyLine) {}

    /**
     * Validates {@code cloudConfig} (if any) and writes the seed into {@code dir}, which exists and is empty.
     * Throws BAD_INPUT for an invalid cloud-config, before anything else is created.
     */
    default Seed write(String name, Optional<Path> cloudConfig, Path dir) {
        return write(name, Optional.empty(), List.of(), cloudConfig, dir);
    }

    /**
     * As above, with a login user (sudo, no password) and the SSH keys authorized for it: the same
     * first-boot configuration a VM gets from {@link CloudInitSeedMaker}.
     */
    default Seed write(String name, Optional<String> loginUser, List<String> sshKeys, Optional<Path> cloudConfig, Path dir) {
        return write(name, loginUser, sshKeys, cloudConfig, List.of(), dir);
    }

    /** As above, with first-boot commands run as a VM's {@code --runcmd} are (a lab's guests have them). */
    Seed write(String name, Optional<String> loginUser, List<String> sshKeys, Optional<Path> cloudConfig, List<String> runcmd,
               Path dir);
}
