package dev.hyperlab.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is replaced whole and nothing of the write is left beside it; a private one is its owner's only. */
class WholeFileTest {
    @TempDir Path dir;

    @Test
    void replacesTheOldFileAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("sub/config.yaml");
        WholeFile.write(f, "one\n".getBytes(StandardCharsets.UTF_8));
        WholeFile.write(f, "two\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("two\n", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void aPrivateFileIsTheOwnersOnlyInADirectoryOnlyTheOwnerOpens() throws Exception {
        Path f = dir.resolve("records/hosts.yaml");
        PrivateFile.write(f, "secret".getBytes(StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
        assertEquals("secret", Files.readString(f));
    }
}
