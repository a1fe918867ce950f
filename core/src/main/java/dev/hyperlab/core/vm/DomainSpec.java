package dev.hyperlab.core.vm;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to define one VM. Paths are paths on the libvirt host.
 *
 * @param kernel     the kernel for direct kernel boot; empty boots the firmware from the disk
 * @param initrd     the initrd, only with a kernel
 * @param cmdline    the kernel command line, only with a kernel
 * @param seedPath   the NoCloud seed image, attached as a read-only virtio disk; empty for none
 * @param diskCache  how QEMU caches the overlay on the host
 * @param firmware   SeaBIOS or OVMF (and with it the machine type); BIOS for direct kernel boot
 * @param seedBus    where the seed is attached: a virtio disk, or a SATA cdrom for a distro that needs one
 * @param memoryFile a file on the libvirt host to hold the guest's RAM, mapped shared, so that what the
 *                   guest has in memory outlives QEMU (a template's VM); empty for ordinary anonymous RAM
 */
public record DomainSpec(
        String name,
        DomainType type,
        int vcpus,
        long memoryBytes,
        String overlayPath,
        Optional<String> seedPath,
        Optional<String> kernel,
        Optional<String> initrd,
        Optional<String> cmdline,
        NetworkSpec network,
        String consoleLogPath,
        HyperlabLabel label,
        DiskCache diskCache,
        Firmware firmware,
        SeedBus seedBus,
        Optional<String> memoryFile) {

    public DomainSpec(String name, DomainType type, int vcpus, long memoryBytes, String overlayPath,
                      Optional<String> seedPath, Optional<String> kernel, Optional<String> initrd,
                      Optional<String> cmdline, NetworkSpec network, String consoleLogPath, HyperlabLabel label,
                      DiskCache diskCache, Firmware firmware, SeedBus seedBus) {
        this(name, type, vcpus, memoryBytes, overlayPath, seedPath, kernel, initrd, cmdline, network, consoleLogPath,
                label, diskCache, firmware, seedBus, Optional.empty());
    }

    /** The same VM with its RAM in {@code path}, mapped shared. */
    public DomainSpec withMemoryFile(String path) {
        return new DomainSpec(name, type, vcpus, memoryBytes, overlayPath, seedPath, kernel, initrd, cmdline, network,
                consoleLogPath, label, diskCache, firmware, seedBus, Optional.of(path));
    }

    /** SeaBIOS, the seed on a virtio disk. */
    public DomainSpec(String name, DomainType type, int vcpus, long memoryBytes, String overlayPath,
                      Optional<String> seedPath, Optional<String> kernel, Optional<String> initrd,
                      Optional<String> cmdline, NetworkSpec network, String consoleLogPath, HyperlabLabel label,
                      DiskCache diskCache) {
        this(name, type, vcpus, memoryBytes, overlayPath, seedPath, kernel, initrd, cmdline, network, consoleLogPath,
                label, diskCache, Firmware.BIOS, SeedBus.VIRTIO_DISK);
    }

    /** With the hypervisor's default disk cache. */
    public DomainSpec(String name, DomainType type, int vcpus, long memoryBytes, String overlayPath,
                      Optional<String> seedPath, Optional<String> kernel, Optional<String> initrd,
                      Optional<String> cmdline, NetworkSpec network, String consoleLogPath, HyperlabLabel label) {
        this(name, type, vcpus, memoryBytes, overlayPath, seedPath, kernel, initrd, cmdline, network, consoleLogPath,
                label, DiskCache.DEFAULT);
    }

    public DomainSpec {
        Objects.requireNonNull(diskCache);
        Objects.requireNonNull(firmware);
        Objects.requireNonNull(seedBus);
        Objects.requireNonNull(memoryFile);
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(overlayPath);
        Objects.requireNonNull(network);
        Objects.requireNonNull(consoleLogPath);
        Objects.requireNonNull(label);
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be >= 1: " + vcpus);
        }
        if (memoryBytes < 64L << 20) {
            throw new IllegalArgumentException("memory must be >= 64 MiB: " + memoryBytes);
        }
        if (kernel.isEmpty() && (initrd.isPresent() || cmdline.isPresent())) {
            throw new IllegalArgumentException("initrd or cmdline without a kernel");
        }
        if (kernel.isPresent() && firmware.isUefi()) {
            throw new IllegalArgumentException("direct kernel boot is done with SeaBIOS here, not UEFI");
        }
    }
}
