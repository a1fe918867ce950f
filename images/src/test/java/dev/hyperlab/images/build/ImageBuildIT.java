package dev.hyperlab.images.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.Tools;
import dev.hyperlab.images.store.DataDir;
import dev.hyperlab.images.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the default image for real with mmdebstrap (or reuses the cached build in the data
 * directory, as {@code hyperlab image build} would) and checks every artifact.
 */
class ImageBuildIT {
    private static ImageStore store;
    private static BuiltImage image;

    @BeforeAll
    static void build() {
        assumeTrue(DataDir.isRoot(), "the image build needs root");
        store = ImageStore.openDefault();
        image = DefaultImage.ensure(store, p -> System.out.printf("[%4ds] %-9s %s%n",
                p.elapsed().toSeconds(), p.phase(), p.detail()));
    }

    @Test
    void diskIsAStandaloneQcow2WithRoom() throws IOException {
        JsonNode info = new ObjectMapper().readTree(Tools.check("qemu-img info", List.of("qemu-img", "info",
                "--output=json", image.qcow2().toString()), 60));
        assertEquals("qcow2", info.path("format").asText());
        assertEquals(4L << 30, info.path("virtual-size").asLong());
        assertFalse(info.has("backing-filename"));
        assertTrue(Files.getPosixFilePermissions(image.qcow2()).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ),
                "QEMU run by libvirt as another user must read it");
    }

    @Test
    void kernelAndInitrdForDirectBoot() throws IOException {
        byte[] k = Files.readAllBytes(image.kernel());
        assertEquals("MZ", new String(k, 0, 2, StandardCharsets.US_ASCII));
        assertEquals("HdrS", new String(k, 0x202, 4, StandardCharsets.US_ASCII), "a bzImage");
        assertTrue(Files.size(image.initrd()) > 1 << 20);
        assertTrue(image.kernelCmdline().contains("console=ttyS0"), image.kernelCmdline());
        assertTrue(image.kernelCmdline().contains("root="), image.kernelCmdline());
    }

    @Test
    void rootfsTarHasCloudInitAndInitAndTheFastBootSettings() throws IOException {
        Map<String, String> symlinks = new HashMap<>();
        Map<String, String> small = new HashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        try (InputStream in = Files.newInputStream(image.rootfsTar())) {
            TarArchiveInputStream t = new TarArchiveInputStream(in);
            for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
                String n = e.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
                names.add(n);
                assertFalse(e.isCharacterDevice() || e.isBlockDevice(), "no device nodes: " + n);
                assertFalse(n.startsWith("etc/ssh/ssh_host_"), "no shared ssh host keys: " + n);
                if (e.isSymbolicLink()) {
                    symlinks.put(n, e.getLinkName());
                } else if (n.startsWith("etc/cloud/cloud.cfg") && e.isFile()) {
                    small.put(n, new String(t.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertTrue(exists("usr/bin/cloud-init", names, symlinks));
        assertTrue(exists("sbin/init", names, symlinks), "sbin/init (through the usr-merge symlink)");
        assertTrue(exists("usr/bin/dbus-daemon", names, symlinks), "D-Bus, without which logind ignores the power button");
        assertTrue(exists("usr/bin/sudo", names, symlinks), "sudo for the login user");
        String cfg = small.get("etc/cloud/cloud.cfg.d/90-hyperlab.cfg");
        assertTrue(cfg.contains("datasource_list: [ NoCloud, None ]"), cfg);
        assertTrue(cfg.contains("ssh_genkeytypes: [ ed25519 ]"), cfg);
        assertFalse(small.get("etc/cloud/cloud.cfg").contains("grub-dpkg"), "no grub-dpkg with direct kernel boot");
        assertEquals("/dev/null", symlinks.get("etc/systemd/system/systemd-networkd-wait-online.service"));
        assertEquals("/dev/null", symlinks.get("etc/systemd/system/systemd-timesyncd.service"));
        assertTrue(symlinks.containsKey("etc/systemd/system/getty.target.wants/serial-getty@ttyS0.service"));
    }

    /** Follows symlinks of leading path components, as the guest would. */
    private static boolean exists(String path, java.util.Set<String> names, Map<String, String> symlinks) {
        String p = path;
        for (int hops = 0; hops < 10; hops++) {
            if (names.contains(p) && !symlinks.containsKey(p)) {
                return true;
            }
            String[] parts = p.split("/");
            String next = null;
            for (int i = 1; i <= parts.length && next == null; i++) {
                String prefix = String.join("/", java.util.Arrays.copyOfRange(parts, 0, i));
                String target = symlinks.get(prefix);
                if (target != null) {
                    String base = target.startsWith("/") ? target.substring(1)
                            : (prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/') + 1) : "") + target;
                    String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
                    next = Path.of("/" + base + (rest.isEmpty() ? "" : "/" + rest)).normalize().toString().substring(1);
                }
            }
            if (next == null) {
                return false;
            }
            p = next;
        }
        return false;
    }

    @Test
    void secondEnsureReusesTheCache() {
        long t0 = System.nanoTime();
        BuiltImage again = DefaultImage.ensure(store, p -> { });
        assertEquals(image.id(), again.id());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "a cache hit takes no build");
    }

    @Test
    void failedBuildLeavesNothingBehind(@TempDir Path tmp) throws IOException {
        ImageStore scratch = ImageStore.open(tmp.resolve("store"));
        ImageException e = assertThrows(ImageException.class,
                () -> DefaultImage.ensure(scratch, "broken-test", false, dev.hyperlab.images.store.ImageUsage.NONE, p -> { }));
        assertTrue(e.getMessage().startsWith("image build failed: mmdebstrap exited"), e.getMessage());
        assertEquals(List.of(), scratch.list());
        try (Stream<Path> s = Files.list(tmp.resolve("store/tmp"))) {
            assertEquals(List.of(), s.toList(), "staging removed");
        }
        try (Stream<Path> s = Files.list(tmp.resolve("store/blobs/sha256"))) {
            assertEquals(List.of(), s.toList(), "no blobs");
        }
    }
}
