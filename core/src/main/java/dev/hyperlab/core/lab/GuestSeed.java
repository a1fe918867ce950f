package dev.hyperlab.core.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The first-boot configuration of one guest, before it is rendered into a NoCloud seed.
 *
 * @param cloudConfig a user's cloud-config file merged under ours, if given
 * @param runcmd      extra commands (run before the readiness marker)
 * @param hasNic      whether the guest has a NIC (without one, cloud-init's network config is disabled)
 */
public record GuestSeed(String instanceId, String hostname, Optional<String> user, List<String> sshKeys,
                        Optional<Path> cloudConfig, List<String> runcmd, boolean hasNic) {}
