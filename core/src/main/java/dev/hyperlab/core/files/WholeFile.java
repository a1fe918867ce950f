package dev.hyperlab.core.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;

/**
 * A file written whole: to a temporary file beside it, then moved over the old one, so a reader or a
 * crash sees the old file or the new one, never half. The configuration file and reports are written
 * so; {@link PrivateFile} is the same with owner-only permissions.
 */
public final class WholeFile {
    private WholeFile() {}

    /** Writes {@code data} to {@code target}, making its directory when missing. */
    public static void write(Path target, byte[] data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        write(target, data, new FileAttribute<?>[0]);
    }

    /** The write itself; the temporary file gets {@code tempAttributes} from its creation on. */
    static void write(Path target, byte[] data, FileAttribute<?>... tempAttributes) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp", tempAttributes);
        try {
            Files.write(tmp, data);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // another filesystem under the same directory (a bind mount): replacing is the best left
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
