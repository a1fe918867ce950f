package dev.hyperlab.core.host;

import java.util.Optional;

/**
 * What a connection attempt to libvirt found.
 *
 * @param libvirtVersion libvirt's version ("9.0.0"), empty when unreachable
 * @param hypervisorVersion the driver's hypervisor version (QEMU's for qemu:// URIs)
 */
public record LibvirtFacts(String uri, Optional<String> error, Optional<String> libvirtVersion,
                           Optional<String> hypervisorVersion) {
    public boolean reachable() { return error.isEmpty(); }

    public static LibvirtFacts unreachable(String uri, String error) {
        return new LibvirtFacts(uri, Optional.of(error), Optional.empty(), Optional.empty());
    }
}
