package dev.hyperlab.images.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * One named image in the store.
 *
 * @param name        unique name, e.g. "debian-12"
 * @param format      what the primary artifact is
 * @param virtualSize the disk size a guest sees (for a tar: its unpacked size), in bytes
 * @param diskSize    bytes all artifacts take on the host's disk
 * @param source      where it came from: a URL, a file path, "built:recipe-hash"
 * @param sha256      digest of the primary artifact (its content address)
 * @param created     ISO-8601 instant
 * @param artifacts   role (see {@link #DISK}, {@link #KERNEL}, ...) to sha256 of the blob
 * @param labels      free-form metadata (e.g. the recipe hash, the kernel command line)
 * @param sizes       role to the blob's length in bytes, so a truncated blob is found without hashing it;
 *                    empty in records written before sizes were kept
 */
public record ImageRecord(String name, ImageFormat format, long virtualSize, long diskSize, String source,
                          String sha256, String created, Map<String, String> artifacts, Map<String, String> labels,
                          Map<String, Long> sizes) {
    public static final String DISK = "disk";
    public static final String KERNEL = "kernel";
    public static final String INITRD = "initrd";
    public static final String ROOTFS = "rootfs";

    public ImageRecord {
        artifacts = Map.copyOf(new TreeMap<>(artifacts));
        labels = labels == null ? Map.of() : Map.copyOf(new TreeMap<>(labels));
        sizes = sizes == null ? Map.of() : Map.copyOf(new TreeMap<>(sizes));
    }

    /** A record without blob sizes (as records were before they were kept). */
    public ImageRecord(String name, ImageFormat format, long virtualSize, long diskSize, String source,
                       String sha256, String created, Map<String, String> artifacts, Map<String, String> labels) {
        this(name, format, virtualSize, diskSize, source, sha256, created, artifacts, labels, Map.of());
    }

    /** The primary artifact's role: the disk for qcow2 images, the rootfs for tars. */
    public String primaryRole() {
        return format == ImageFormat.QCOW2 ? DISK : ROOTFS;
    }
}
