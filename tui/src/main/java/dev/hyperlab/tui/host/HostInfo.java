package dev.hyperlab.tui.host;

import java.util.Optional;

/**
 * The header's facts about this host.
 *
 * @param accelerator    "KVM" or "TCG"
 * @param acceleratorWhy a few words on why ("CPU lacks vmx/svm")
 * @param libvirt        libvirt's version, empty when libvirt does not answer
 * @param hypervisor     the hypervisor's version (QEMU's under qemu://)
 * @param engine         "Podman 4.3.1", or empty when no engine answers
 */
public record HostInfo(String accelerator, String acceleratorWhy, Optional<String> libvirt,
                       Optional<String> hypervisor, Optional<String> engine, HostLoad load) {

    public HostInfo withLoad(HostLoad l) {
        return new HostInfo(accelerator, acceleratorWhy, libvirt, hypervisor, engine, l);
    }
}
