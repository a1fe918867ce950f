package dev.hyperlab.core.vm;

/**
 * How QEMU caches a VM's disk on the host (libvirt's {@code <driver cache=...>}).
 */
public enum DiskCache {
    /** The hypervisor's default (writeback through the host's page cache); no attribute is written. */
    DEFAULT(null),
    /**
     * {@code cache='none'}: QEMU opens the image with O_DIRECT, so the guest's I/O reaches the host's disk
     * instead of the host's page cache. What disk benchmarks need: a VM's reads are otherwise served
     * from host RAM and can beat the bare host's O_DIRECT figures.
     */
    NONE("none");

    private final String xmlValue;

    DiskCache(String xmlValue) { this.xmlValue = xmlValue; }

    /** The value of libvirt's cache attribute, or null for none. */
    public String xmlValue() { return xmlValue; }
}
