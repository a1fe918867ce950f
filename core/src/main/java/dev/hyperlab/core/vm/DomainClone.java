package dev.hyperlab.core.vm;

import java.util.Map;

/**
 * What makes a clone's definition its own, beside the source's: everything else (CPUs, memory,
 * firmware, machine, devices, a user's edits) is copied as the source has it.
 *
 * @param name        the clone's name (a new UUID and new MAC addresses come with it)
 * @param diskPaths   each of the source's disk files to the clone's copy of it; a source disk not
 *                    named here is refused, since two VMs writing one disk corrupt it
 * @param consoleLog  the clone's serial console log
 * @param label       the clone's hyperlab label (its own instance id, volumes and log)
 * @param sshHostPort the loopback port for the clone's forwarded SSH when the source has one, else 0
 */
public record DomainClone(String name, Map<String, String> diskPaths, String consoleLog, HyperlabLabel label,
                          int sshHostPort) {
    public DomainClone {
        diskPaths = Map.copyOf(diskPaths);
    }
}
