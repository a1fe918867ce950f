package dev.hyperlab.images.format;

/** What a file is, judged by its content (magic bytes), never by its name. */
public enum DetectedFormat {
    QCOW2, XZ, GZIP, ZSTD, BZIP2, TAR,
    /** A disk with an MBR/GPT partition table or a bare ext2/3/4 filesystem. */
    RAW_DISK,
    /** Disk formats we do not take as they are (convert them with qemu-img first). */
    VMDK, VHDX, VDI, ISO9660,
    UNKNOWN;

    public boolean isCompressed() {
        return this == XZ || this == GZIP || this == ZSTD || this == BZIP2;
    }
}
