package dev.hyperlab.cloudinit.seed;

import dev.hyperlab.cloudinit.render.RenderedSeed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a NoCloud seed for VMs: an ISO 9660 + Joliet image labelled {@code cidata} holding
 * {@code user-data}, {@code meta-data} and {@code network-config}. Attach it read-only (as a virtio disk
 * on this host: the cloud kernel's initrd has no CD-ROM path).
 */
public final class NoCloudIsoWriter {
    public static final String VOLUME_LABEL = "cidata";
    /** 2000-01-01T00:00:00Z: dates are derived from here, see {@link #timestampFor}. */
    private static final long BASE_EPOCH_SECOND = 946_684_800L;
    private static final long SPAN_SECONDS = 20L * 365 * 24 * 3600;

    private NoCloudIsoWriter() {}

    /** Writes the image to {@code iso} (mode 0600, atomically: the old file or the new one, never half). */
    public static void write(RenderedSeed seed, Path iso) {
        AtomicFiles.requireWritableTarget(iso, "NoCloud seed ISO");
        AtomicFiles.write(iso, toBytes(seed), "NoCloud seed ISO");
    }

    /** The image bytes; the same seed always gives the same bytes. */
    public static byte[] toBytes(RenderedSeed seed) {
        Map<String, byte[]> files = seed.files();
        return Iso9660Image.build(VOLUME_LABEL, files, timestampFor(files));
    }

    /**
     * A fixed date derived from the content, not the clock: the same seed gives the same bytes, and two
     * different seeds get different dates, hence different blkid UUIDs (which ISO 9660 takes from the date).
     */
    static Instant timestampFor(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update(ByteBuffer.allocate(8).putLong(f.getValue().length).array());
                sha.update(f.getValue());
            }
            long h = ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;
            return Instant.ofEpochSecond(BASE_EPOCH_SECOND + h % SPAN_SECONDS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
