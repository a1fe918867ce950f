package dev.hyperlab.images.store;

/** What kind of image a store record holds. */
public enum ImageFormat {
    /** A bootable qcow2 disk (maybe with kernel/initrd artifacts for direct boot). */
    QCOW2,
    /** A root filesystem as a tar, for the container engine (no disk). */
    ROOTFS_TAR;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
}
