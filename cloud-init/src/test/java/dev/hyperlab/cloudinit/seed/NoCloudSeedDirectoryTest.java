package dev.hyperlab.cloudinit.seed;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.SampleConfigs;
import dev.hyperlab.cloudinit.render.CloudInitRenderer;
import dev.hyperlab.cloudinit.render.RenderedSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoCloudSeedDirectoryTest {
    @TempDir Path tmp;
    private final RenderedSeed seed = new CloudInitRenderer().render(SampleConfigs.full());

    @Test
    void writesTheThreeFiles0600IntoTheRootfsSeedPath() throws Exception {
        Path rootfs = Files.createDirectory(tmp.resolve("rootfs"));
        Path dir = NoCloudSeedDirectory.writeIntoRootfs(seed, rootfs);
        assertEquals(rootfs.resolve("var/lib/cloud/seed/nocloud"), dir);
        assertEquals(seed.userData(), Files.readString(dir.resolve("user-data")));
        assertEquals(seed.metaData(), Files.readString(dir.resolve("meta-data")));
        assertEquals(seed.networkConfig(), Files.readString(dir.resolve("network-config")));
        for (String f : List.of("user-data", "meta-data", "network-config")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "no temporary files left");
        }
        NoCloudSeedDirectory.delete(dir);
        assertFalse(Files.exists(dir));
    }

    @Test
    void rewritingReplacesFiles() throws Exception {
        NoCloudSeedDirectory.write(seed, tmp);
        RenderedSeed other = new CloudInitRenderer().render(SampleConfigs.minimal());
        NoCloudSeedDirectory.write(other, tmp);
        assertEquals(other.userData(), Files.readString(tmp.resolve("user-data")));
    }

    @Test
    void failureRemovesWhatThisCallCreated() throws Exception {
        Path dir = tmp.resolve("a/b/nocloud");
        // A directory named like a seed file makes the final rename fail after staging.
        Files.createDirectories(tmp.resolve("blocked/user-data/x"));
        assertThrows(CloudInitException.class, () -> NoCloudSeedDirectory.write(seed, tmp.resolve("blocked")));
        try (Stream<Path> s = Files.list(tmp.resolve("blocked"))) {
            assertEquals(List.of(tmp.resolve("blocked/user-data")), s.toList(), "staged files removed");
        }
        assertFalse(Files.exists(dir));
        Files.writeString(tmp.resolve("file"), "x");
        assertTrue(assertThrows(CloudInitException.class, () -> NoCloudSeedDirectory.write(seed, tmp.resolve("file")))
                .isBadInput());
    }
}
