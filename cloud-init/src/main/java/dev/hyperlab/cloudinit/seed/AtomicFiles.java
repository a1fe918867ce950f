package dev.hyperlab.cloudinit.seed;

import dev.hyperlab.cloudinit.CloudInitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Private (0600) files written through a temporary file in the same directory and an atomic rename,
 * so a reader sees the old file or the complete new one, and a failure leaves nothing behind.
 */
final class AtomicFiles {
    static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {}

    /** Writes {@code data} to a hidden 0600 temporary file next to {@code target}; the caller moves or deletes it. */
    static Path stage(Path target, byte[] data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", ownerOnly(dir));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    static void commit(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes one file atomically, 0600. */
    static void write(Path target, byte[] data, String what) {
        requireWritableTarget(target, what);
        Path tmp = null;
        try {
            tmp = stage(target, data);
            commit(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw CloudInitException.ioFailure("writing " + what + " failed: " + target + ": " + e
                    + "; try a directory you can write to, with free space", e);
        }
    }

    /** Refuses, before anything is written, a target whose directory is missing or that is a directory. */
    static void requireWritableTarget(Path target, String what) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw CloudInitException.badInput("writing " + what + " failed: directory " + dir
                    + " does not exist; create it first or choose another path");
        }
        if (Files.isDirectory(target)) {
            throw CloudInitException.badInput("writing " + what + " failed: " + target
                    + " is a directory; give a file name such as " + target.resolve("seed.iso"));
        }
    }

    static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Best effort on a path that is already failing; the original error is what the user needs.
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_RW)}
                : new FileAttribute<?>[0];
    }
}
