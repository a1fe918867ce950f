package dev.hyperlab.core.vm;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Hypervisor#migrate} moves a domain to another libvirt host.
 *
 * @param targetUri    the target's libvirt URI. A remote one (with a host) is reached by the source's
 *                     own daemon (peer-to-peer); a local socket URI (this machine's {@code qemu:///system})
 *                     cannot be, so the adapter then drives the migration from this process
 * @param live         keep the guest running while its memory is copied (else it is paused meanwhile);
 *                     a domain that is not running moves only its definition
 * @param copyStorage  mirror the writable disks' top layer (an overlay on a base the target has) to
 *                     volumes of the same path that the caller made on the target beforehand; read-only
 *                     disks (the cloud-init seed) are never mirrored and must be there too
 * @param streamHost   where the source's QEMU sends memory and disk streams (and the target's QEMU
 *                     listens): the target's address as this machine knows it, e.g. 127.0.0.1 for a
 *                     second daemon on loopback; empty lets libvirt use the target's host name
 * @param sshHostPort  the loopback port the target's user-mode NIC forwards to the guest's port 22,
 *                     0 to keep the source's (or when it has none)
 * @param consoleLog   the console log file on the target ({@code <log>} of the serial port and the label's
 *                     console-log), empty for none (a remote target keeps no log file)
 */
public record MigrationRequest(String targetUri, boolean live, boolean copyStorage, Optional<String> streamHost,
                               int sshHostPort, Optional<String> consoleLog) {
    public MigrationRequest {
        Objects.requireNonNull(targetUri);
        Objects.requireNonNull(streamHost);
        Objects.requireNonNull(consoleLog);
    }
}
