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
 * @param userNetRestricted for a source with a QEMU user-mode NIC: whether the clone's is restricted
 *                    to the host ({@code restrict=on}) or NATs out; empty = as the source's. The
 *                    device stays the same either way, which a restored template's state needs.
 * @param network     for a source with a QEMU user-mode NIC: the libvirt network (and the MAC) the
 *                    clone's NIC is on instead. The device keeps its model and PCI address, so a
 *                    restored template's saved device state still loads; only its backend changes.
 */
public record DomainClone(String name, Map<String, String> diskPaths, String consoleLog, HyperlabLabel label,
                          int sshHostPort, java.util.Optional<Boolean> userNetRestricted,
                          java.util.Optional<NetworkSpec.LabNic> network) {
    public DomainClone {
        diskPaths = Map.copyOf(diskPaths);
        java.util.Objects.requireNonNull(userNetRestricted);
        java.util.Objects.requireNonNull(network);
    }

    /** The source's NIC kept as it is. */
    public DomainClone(String name, Map<String, String> diskPaths, String consoleLog, HyperlabLabel label, int sshHostPort) {
        this(name, diskPaths, consoleLog, label, sshHostPort, java.util.Optional.empty(), java.util.Optional.empty());
    }
}
