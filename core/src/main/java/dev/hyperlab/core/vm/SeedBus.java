package dev.hyperlab.core.vm;

/**
 * Where a VM's NoCloud {@code cidata} seed is attached. cloud-init finds it by its label on any
 * block device the guest's kernel can see, so what matters is which drivers the image's initramfs
 * and kernel have: Debian's cloud kernel has virtio_blk but no usable SATA cdrom path (measured),
 * so a virtio disk is the default; a SATA cdrom is for a distro that only looks there.
 */
public enum SeedBus {
    /** A read-only virtio disk (vdb). */
    VIRTIO_DISK,
    /** A SATA cdrom (sda). */
    SATA_CDROM
}
