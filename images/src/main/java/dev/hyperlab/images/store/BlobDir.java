package dev.hyperlab.images.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@link ImageStore}'s blobs: {@code ROOT/blobs/sha256/HEX}, every artifact named by its
 * digest, so two images that share a file store it once. A file enters only by an atomic rename
 * from the staging area on the same filesystem; a blob no record names is deleted by the store's
 * garbage collection.
 */
final class BlobDir {
    /** A sha256 in hex: what names a blob. */
    static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    BlobDir(Path dir) { this.dir = dir; }

    Path dir() { return dir; }

    Path blob(String sha256) {
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return dir.resolve(sha256);
    }

    /**
     * Moves a staged file in as the blob {@code digest}; a blob of that digest already there makes
     * the file redundant, and it is deleted.
     * @return the blob when this call added it (the caller deletes it again if the commit fails), else null
     */
    Path moveIn(Path src, String digest) throws IOException {
        Path dst = blob(digest);
        if (Files.exists(dst)) {
            Files.delete(src);
            return null;
        }
        Files.setPosixFilePermissions(src, PosixFilePermissions.fromString("rw-r--r--"));
        moveAtomically(src, dst);
        return dst;
    }

    private static void moveAtomically(Path src, Path dst) throws IOException {
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(src); // same content arrived concurrently
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("staging file " + src + " is not on the store's filesystem", e);
        }
    }

    /** Deletes every blob whose digest is not in {@code used}. */
    void deleteAllBut(Set<String> used) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path b : s.toList()) {
                if (!used.contains(b.getFileName().toString())) {
                    Files.deleteIfExists(b);
                }
            }
        }
    }

    /** Bytes an image's artifacts occupy on disk right now; a missing blob counts 0. */
    long diskUsage(ImageRecord rec) {
        long sum = 0;
        for (String d : rec.artifacts().values()) {
            try {
                sum += allocated(blob(d));
            } catch (IOException e) {
                // a missing blob shows as 0; list still works
            }
        }
        return sum;
    }

    /** Bytes a file really occupies (sparse files count only what is allocated). */
    static long allocated(Path f) throws IOException {
        try {
            Object blocks = Files.getAttribute(f, "unix:blocks");
            if (blocks instanceof Long b) {
                return b * 512;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // not a unix filesystem view: fall back to the apparent size
        }
        return Files.size(f);
    }
}
