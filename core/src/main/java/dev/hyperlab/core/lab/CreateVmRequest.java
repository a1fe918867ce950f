package dev.hyperlab.core.lab;

import dev.hyperlab.core.vm.DiskCache;
import dev.hyperlab.core.vm.DomainType;
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
        DiskCache diskCache) {

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
    }

    public CreateVmRequest withDiskCache(DiskCache c) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, waitReady, timeout, domainType, runcmd, c);
    }

    public static CreateVmRequest of(String name, String image) {
        return new CreateVmRequest(name, image, 2, 1L << 30, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), NetworkSpec.NONE, false, false, Duration.ofMinutes(5), Optional.empty(), List.of());
    }

    public CreateVmRequest withStart(boolean start, boolean wait) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, wait, timeout, domainType, runcmd, diskCache);
    }

    public CreateVmRequest withUser(String u) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, Optional.ofNullable(u), sshKeyFiles,
                cloudConfig, network, start, waitReady, timeout, domainType, runcmd, diskCache);
    }

    public CreateVmRequest withRuncmd(List<String> cmds) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, waitReady, timeout, domainType, List.copyOf(cmds), diskCache);
    }

    public CreateVmRequest withTimeout(Duration t) {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig,
                network, start, waitReady, t, domainType, runcmd, diskCache);
    }
}
