package dev.hyperlab.core.lab;

import dev.hyperlab.core.vm.DiskCache;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.Firmware;
import dev.hyperlab.core.vm.NetworkSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code hyperlab vm create} asks for. Validated by {@link VmService#create} before anything is written.
 *
 * @param diskBytes  the overlay's virtual size; empty = the image's size
 * @param domainType empty = the host's default (KVM only when it really works, else TCG)
 * @param runcmd     extra first-boot commands, run before the readiness marker
 * @param diskCache  how QEMU caches the overlay on the host (comparisons use NONE, so disk benchmarks reach the disk)
 * @param firmware   {@code --firmware}: empty = what the image's disk boots with
 * @param secureBoot {@code --secure-boot}: OVMF's secure-boot build
 */
public record CreateVmRequest(
        String name,
        String image,
        int cpus,
        long memoryBytes,
        Optional<Long> diskBytes,
        Optional<String> user,
        List<Path> sshKeyFiles,
        Optional<Path> cloudConfig,
        NetworkSpec network,
        boolean start,
        boolean waitReady,
        Duration timeout,
        Optional<DomainType> domainType,
        List<String> runcmd,
        DiskCache diskCache,
        Optional<Firmware.Kind> firmware,
        boolean secureBoot,
        Optional<String> memoryFile) {

    public CreateVmRequest(String name, String image, int cpus, long memoryBytes, Optional<Long> diskBytes,
                           Optional<String> user, List<Path> sshKeyFiles, Optional<Path> cloudConfig, NetworkSpec network,
                           boolean start, boolean waitReady, Duration timeout, Optional<DomainType> domainType,
                           List<String> runcmd, DiskCache diskCache, Optional<Firmware.Kind> firmware, boolean secureBoot) {
        this(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig, network, start, waitReady, timeout,
                domainType, runcmd, diskCache, firmware, secureBoot, Optional.empty());
    }

    /** The firmware the image's disk boots with. */
    public CreateVmRequest(String name, String image, int cpus, long memoryBytes, Optional<Long> diskBytes,
                           Optional<String> user, List<Path> sshKeyFiles, Optional<Path> cloudConfig, NetworkSpec network,
                           boolean start, boolean waitReady, Duration timeout, Optional<DomainType> domainType,
                           List<String> runcmd, DiskCache diskCache) {
        this(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig, network, start, waitReady, timeout,
                domainType, runcmd, diskCache, Optional.empty(), false);
    }

    /** With the hypervisor's default disk cache. */
    public CreateVmRequest(String name, String image, int cpus, long memoryBytes, Optional<Long> diskBytes,
                           Optional<String> user, List<Path> sshKeyFiles, Optional<Path> cloudConfig, NetworkSpec network,
                           boolean start, boolean waitReady, Duration timeout, Optional<DomainType> domainType,
                           List<String> runcmd) {
        this(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig, network, start, waitReady, timeout,
                domainType, runcmd, DiskCache.DEFAULT);
    }

    public CreateVmRequest {
        java.util.Objects.requireNonNull(diskCache);
        java.util.Objects.requireNonNull(firmware);
        java.util.Objects.requireNonNull(memoryFile);
    }

    /** {@code --firmware} and {@code --secure-boot}. */
    public CreateVmRequest withFirmware(Optional<Firmware.Kind> fw, boolean secure) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, waitReady, timeout, domainType, runcmd, diskCache, fw, secure, memoryFile);
    }

    /** The same VM with its RAM in a file on the libvirt host, mapped shared: a template's VM. */
    public CreateVmRequest withMemoryFile(String path) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, waitReady, timeout, domainType, runcmd, diskCache, firmware, secureBoot, Optional.of(path));
    }

    public CreateVmRequest withNetwork(NetworkSpec n) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                n, start, waitReady, timeout, domainType, runcmd, diskCache, firmware, secureBoot, memoryFile);
    }

    public CreateVmRequest withDiskCache(DiskCache c) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, waitReady, timeout, domainType, runcmd, c, firmware, secureBoot, memoryFile);
    }

    public static CreateVmRequest of(String name, String image) {
        return new CreateVmRequest(name, image, 2, 1L << 30, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), NetworkSpec.NONE, false, false, Duration.ofMinutes(5), Optional.empty(), List.of());
    }

    public CreateVmRequest withStart(boolean start, boolean wait) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, wait, timeout, domainType, runcmd, diskCache, firmware, secureBoot, memoryFile);
    }

    public CreateVmRequest withUser(String u) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, Optional.ofNullable(u), sshKeyFiles,
                cloudConfig, network, start, waitReady, timeout, domainType, runcmd, diskCache, firmware, secureBoot, memoryFile);
    }

    public CreateVmRequest withRuncmd(List<String> cmds) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, waitReady, timeout, domainType, List.copyOf(cmds), diskCache, firmware, secureBoot, memoryFile);
    }

    public CreateVmRequest withTimeout(Duration t) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, waitReady, t, domainType, runcmd, diskCache, firmware, secureBoot, memoryFile);
    }
}
