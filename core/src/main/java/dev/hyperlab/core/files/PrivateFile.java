package dev.hyperlab.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file only its owner reads (0600, in a 0700 directory made when missing), written whole as
 * {@link WholeFile} writes it; the temporary file is 0600 from its creation, so a secret is never
 * readable by others, not even for a moment. hyperlab's records, the hosts file and a forwarder's
 * pid file are written so.
 */
public final class PrivateFile {
    private PrivateFile() {}

    public static void write(Path target, byte[] data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        WholeFile.write(target, data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}
