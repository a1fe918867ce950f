package dev.hyperlab.core.host;

import java.util.Optional;

/**
 * What a connection to one libvirt host finds, local or remote, for {@code host list}, {@code host add}
 * and {@code doctor --host}: everything is asked of libvirt, nothing is read from this machine.
 *
 * @param libvirt     reachable or why not, and the versions
 * @param hostname    the host's own name ({@code virConnectGetHostname})
 * @param kvm         whether its capabilities offer {@code <domain type='kvm'>} for x86_64 guests
 * @param cpus        its CPUs, 0 when unknown
 * @param memoryBytes its memory, 0 when unknown
 * @param pool        hyperlab's storage pool on it, empty until the first create there made it
 */
public record LibvirtHostFacts(LibvirtFacts libvirt, String hostname, boolean kvm, int cpus, long memoryBytes,
                               Optional<PoolFacts> pool) {
    /** A storage pool: its directory on that host and its space. */
    public record PoolFacts(String name, String path, boolean active, long capacityBytes, long availableBytes) {}

    public static LibvirtHostFacts unreachable(String uri, String error) {
        return new LibvirtHostFacts(LibvirtFacts.unreachable(uri, error), "", false, 0, 0, Optional.empty());
    }

    public boolean reachable() { return libvirt.reachable(); }

    public String accelerator() { return kvm ? "kvm" : "tcg"; }
}
