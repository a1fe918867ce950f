package dev.hyperlab.core.lab;

import dev.hyperlab.images.catalog.DistroFacts;
import dev.hyperlab.images.firmware.BootFirmware;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a VM boots from: a qcow2 base disk (never written: guests get overlays) and, for direct
 * kernel boot, a kernel, initrd and command line.
 *
 * @param firmware which firmware boots the disk, as read from it at import or pull; empty when not
 *                 known (the VM then gets SeaBIOS, as before the disk was read)
 * @param facts    the distro facts the image was pulled with (login user, seed placement, agent, ...)
 */
public record BootImage(String name, Path qcow2, long virtualSize, Optional<Path> kernel, Optional<Path> initrd,
                        Optional<String> cmdline, Optional<BootFirmware> firmware, Optional<DistroFacts> facts) {

    /** An image nothing more is known about. */
    public BootImage(String name, Path qcow2, long virtualSize, Optional<Path> kernel, Optional<Path> initrd,
                     Optional<String> cmdline) {
        this(name, qcow2, virtualSize, kernel, initrd, cmdline, Optional.empty(), Optional.empty());
    }
}
