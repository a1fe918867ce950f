package dev.hyperlab.cloudinit.seed;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.CloudInitException;
import dev.hyperlab.cloudinit.SampleConfigs;
import dev.hyperlab.cloudinit.render.CloudInitRenderer;
import dev.hyperlab.cloudinit.render.RenderedSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoCloudIsoWriterTest {
    @TempDir Path tmp;
    private final RenderedSeed seed = new CloudInitRenderer().render(SampleConfigs.full());

    @Test
    void sameSeedGivesSameBytesAndDifferentSeedsDiffer() {
        assertArrayEquals(NoCloudIsoWriter.toBytes(seed), NoCloudIsoWriter.toBytes(seed));
        RenderedSeed other = new CloudInitRenderer().render(SampleConfigs.minimal());
        assertFalse(java.util.Arrays.equals(NoCloudIsoWriter.toBytes(seed), NoCloudIsoWriter.toBytes(other)));
        assertNotEquals(NoCloudIsoWriter.timestampFor(seed.files()), NoCloudIsoWriter.timestampFor(other.files()));
    }

    @Test
    void volumeDescriptorsSayIso9660WithJolietAndLabelCidata() {
        IsoReader r = new IsoReader(NoCloudIsoWriter.toBytes(seed));
        assertEquals(1, r.descriptorType(16));
        assertEquals("CD001", r.standardId(16));
        assertEquals("cidata", r.primaryVolumeId());
        assertEquals(2, r.descriptorType(17));
        assertEquals("%/E", r.jolietEscape());
        assertEquals("cidata", r.jolietVolumeId());
        assertEquals(255, r.descriptorType(18));
        assertEquals(r.img.length / 2048, r.volumeSpaceSize(16));
        assertEquals(r.img.length / 2048, r.volumeSpaceSize(17));
        assertEquals(0, r.img.length % 2048);
    }

    @Test
    void jolietTreeHoldsTheThreeFilesWithTheirBytes() {
        IsoReader r = new IsoReader(NoCloudIsoWriter.toBytes(seed));
        Map<String, byte[]> joliet = r.rootFiles(17);
        assertEquals(List.of("meta-data", "network-config", "user-data"), List.copyOf(joliet.keySet()));
        assertEquals(seed.userData(), new String(joliet.get("user-data"), StandardCharsets.UTF_8));
        assertEquals(seed.metaData(), new String(joliet.get("meta-data"), StandardCharsets.UTF_8));
        assertEquals(seed.networkConfig(), new String(joliet.get("network-config"), StandardCharsets.UTF_8));
        Map<String, byte[]> primary = r.rootFiles(16);
        assertEquals(List.of("META_DAT.;1", "NETWORK_.;1", "USER_DAT.;1"), List.copyOf(primary.keySet()));
        assertArrayEquals(joliet.get("user-data"), primary.get("USER_DAT.;1"));
    }

    @Test
    void writesFile0600AtomicallyWithNoTemporaryLeft() throws Exception {
        Path iso = tmp.resolve("seed.iso");
        Files.writeString(iso, "old");
        NoCloudIsoWriter.write(seed, iso);
        assertArrayEquals(NoCloudIsoWriter.toBytes(seed), Files.readAllBytes(iso));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(iso)));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(iso), s.toList());
        }
    }

    @Test
    void badTargetIsRefusedAndNothingIsWritten() throws Exception {
        CloudInitException e = assertThrows(CloudInitException.class,
                () -> NoCloudIsoWriter.write(seed, tmp.resolve("missing/seed.iso")));
        assertTrue(e.isBadInput() && e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(assertThrows(CloudInitException.class, () -> NoCloudIsoWriter.write(seed, tmp)).getMessage()
                .contains("is a directory"));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void failedWriteLeavesNothingBehind() throws Exception {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            if (Files.isWritable(ro)) {
                // Running as root: permissions do not stop us; use a target whose rename must fail instead.
                Path target = ro.resolve("seed.iso");
                Files.createDirectory(tmp.resolve("blocker"));
                assertThrows(CloudInitException.class, () -> NoCloudIsoWriter.write(seed, tmp.resolve("blocker")));
                assertFalse(Files.exists(target));
            } else {
                CloudInitException e = assertThrows(CloudInitException.class, () -> NoCloudIsoWriter.write(seed, ro.resolve("seed.iso")));
                assertFalse(e.isBadInput());
            }
            try (Stream<Path> s = Files.list(ro)) {
                assertEquals(0, s.count());
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void level1NamesAreUpperCase83() {
        assertEquals("USER_DAT.;1", Iso9660Image.level1Name("user-data"));
        assertEquals("NETWORK_.;1", Iso9660Image.level1Name("network-config"));
        assertEquals("VENDOR_D.TXT;1", Iso9660Image.level1Name("vendor-data.txt"));
    }
}
