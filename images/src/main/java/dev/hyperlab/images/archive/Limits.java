package dev.hyperlab.images.archive;

/**
 * Upper bounds for anything unpacked from untrusted input, so a small archive cannot fill the
 * disk ("size bomb") or exhaust inodes.
 *
 * @param maxBytes   bytes an unpacked image or rootfs may have in total
 * @param maxEntries entries an archive may have
 */
public record Limits(long maxBytes, long maxEntries) {
    /** 64 GiB, one million entries: far above any real cloud image or rootfs. */
    public static final Limits DEFAULT = new Limits(64L << 30, 1_000_000);
}
