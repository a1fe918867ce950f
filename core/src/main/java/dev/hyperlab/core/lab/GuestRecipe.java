package dev.hyperlab.core.lab;

import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.vm.NetworkSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One guest configuration that can be made as a VM, as a system container, or as both: the same
 * image, size, login user, SSH keys and cloud-config, so the two boot the same first-boot
 * configuration and differ only in what isolates them. The TUI's create wizard fills one in.
 *
 * <p>Sizes mean the same for both kinds: {@code cpus} vCPUs for the VM and a limit of that many
 * CPUs for the container; {@code memoryBytes} the VM's memory and the container's memory limit.
 * The disk size applies to VMs only (a container's writable layer has no size). Containers get no
 * network; the VM gets {@code vmNetwork} ({@link NetworkSpec#NONE} or a user-mode NIC, SSH on loopback).
 *
 * @param diskBytes empty = the image's size
 */
public record GuestRecipe(String name, String image, int cpus, long memoryBytes, Optional<Long> diskBytes,
                          Optional<String> user, List<Path> sshKeyFiles, Optional<Path> cloudConfig,
                          NetworkSpec vmNetwork) {
    /** How long a VM may take to be ready: TCG boots of the default image take about 100 s. */
    public static final Duration VM_TIMEOUT = Duration.ofMinutes(10);
    /** How long a system container may take (it takes seconds; more when the host is loaded). */
    public static final Duration CONTAINER_TIMEOUT = Duration.ofMinutes(5);

    public GuestRecipe {
        Objects.requireNonNull(name);
        Objects.requireNonNull(image);
        sshKeyFiles = List.copyOf(sshKeyFiles);
        if (vmNetwork instanceof NetworkSpec.Named) {
            // A recipe is also a container's: it must not reach any network the container would not.
            throw new IllegalArgumentException("a recipe's VM gets no NIC or a user-mode NIC");
        }
    }

    /** What the wizard's image field says to mean an instant clone of template T: {@code template:T}. */
    public static final String TEMPLATE_PREFIX = "template:";

    /** The template this recipe's VM is an instant clone of, when its image reads {@code template:T}. */
    public Optional<String> template() {
        return image.startsWith(TEMPLATE_PREFIX) ? Optional.of(image.substring(TEMPLATE_PREFIX.length()).trim())
                : Optional.empty();
    }

    /** The VM as an instant clone of {@link #template()}: its sizes must be the template's (checked). */
    public InstantCloneRequest instantClone() {
        return new InstantCloneRequest(name, template().orElseThrow(), user, sshKeyFiles, Optional.empty(), List.of(),
                vmNetwork, cloudConfig, Optional.of(cpus), Optional.of(memoryBytes), diskBytes, VM_TIMEOUT);
    }

    /** A container is made from an image; a template is a VM's saved state. */
    public void requireImage() {
        if (template().isPresent()) {
            throw dev.hyperlab.core.error.HyperlabException.badInput("a container cannot be made from " + image
                    + ": a template is a VM's saved state", "choose Kind: VM, or an image such as debian-12");
        }
    }

    /** The VM: created, started and followed until ready. */
    public CreateVmRequest vm() {
        return new CreateVmRequest(name, image, cpus, memoryBytes, diskBytes, user, sshKeyFiles, cloudConfig, vmNetwork,
                true, true, VM_TIMEOUT, Optional.empty(), List.of());
    }

    /** The system container: systemd + cloud-init from the same image, no network. */
    public ContainerRequest systemContainer() {
        return new ContainerRequest(name, image, ContainerMode.SYSTEM, cpus, memoryBytes, Optional.empty(), cloudConfig,
                "none", List.of(), user, sshKeyFiles);
    }
}
