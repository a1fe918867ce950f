package dev.hyperlab.images.props;

import static dev.hyperlab.images.TestImages.E.dir;
import static dev.hyperlab.images.TestImages.E.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.TestImages;
import dev.hyperlab.images.archive.ImageImporter;
import dev.hyperlab.images.archive.Limits;
import dev.hyperlab.images.store.Digests;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import dev.hyperlab.images.store.ImageUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A fuzz corpus for the archive and format readers, generated here: a real qcow2 (qemu-img), a rootfs
 * tar and an OCI layout, each truncated at a random length or with random bits flipped. Whatever the
 * damage, an import either stores a whole image or throws {@link ImageException} with a one-line
 * message; a refused file leaves nothing in the store, and nothing is ever written outside it.
 */
class ArchiveFuzzPropertiesTest {
    private static Path root;
    private static byte[] qcow2;
    private static byte[] tar;
    private static byte[] oci;

    @BeforeAll
    static void corpus() throws IOException {
        root = Files.createTempDirectory("hl-fuzz-");
        qcow2 = Files.readAllBytes(TestImages.qcow2(Files.createDirectories(root.resolve("seed")), "disk.qcow2"));
        tar = TestImages.tar(dir("etc/"), file("etc/hostname", "fuzz\n"), dir("usr/"), file("usr/a", "A".repeat(3000)));
        byte[] layer = TestImages.tar(dir("etc/"), file("etc/os-release", "ID=fuzz\n"));
        ObjectMapper json = new ObjectMapper();
        byte[] manifest = json.writeValueAsBytes(Map.of("schemaVersion", 2, "layers", List.of(Map.of(
                "mediaType", "application/vnd.oci.image.layer.v1.tar", "digest", "sha256:" + sha(layer), "size", layer.length))));
        byte[] index = json.writeValueAsBytes(Map.of("schemaVersion", 2, "manifests", List.of(Map.of(
                "digest", "sha256:" + sha(manifest), "size", manifest.length,
                "platform", Map.of("os", "linux", "architecture", "amd64")))));
        oci = TestImages.tar(file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"), file("index.json", index),
                dir("blobs/"), dir("blobs/sha256/"), file("blobs/sha256/" + sha(manifest), manifest),
                file("blobs/sha256/" + sha(layer), layer));
    }

    @AfterAll
    static void removeCorpus() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha(byte[] b) {
        return HexFormat.of().formatHex(Digests.newDigest("SHA-256").digest(b));
    }

    /** A damaged copy of one original: cut at a random length, or with 1-8 random bits flipped. */
    record Damage(String kind, byte[] bytes) {
        @Override public String toString() { return kind + " (" + bytes.length + " bytes)"; }
    }

    private static Gen<Damage> damaged(String kind, byte[] original, int headerBytes) {
        Gen<Damage> truncated = Generate.range(0, original.length - 1)
                .map(n -> new Damage(kind + " truncated at " + n, java.util.Arrays.copyOf(original, n)));
        Gen<Damage> flipped = lists().of(Generate.range(0, Math.min(original.length, headerBytes) * 8 - 1))
                .ofSizeBetween(1, 8).map(bits -> {
                    byte[] b = original.clone();
                    for (int bit : bits) {
                        b[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                    return new Damage(kind + " with bits " + bits + " flipped", b);
                });
        return Generate.oneOf(truncated, flipped);
    }

    @Test
    @DisplayName("a truncated or bit-flipped qcow2 is stored whole or refused in one line, leaving nothing behind")
    void damagedQcow2IsStoredWholeOrRefused() {
        qt().withExamples(60).forAll(damaged("qcow2", qcow2, 512)).checkAssert(d -> importOnce(d, "disk.qcow2"));
    }

    @Test
    @DisplayName("a truncated or bit-flipped rootfs tar or OCI layout is stored whole or refused in one line, leaving nothing behind")
    void damagedTarAndOciAreStoredWholeOrRefused() {
        qt().withExamples(200).forAll(Generate.oneOf(damaged("tar", tar, tar.length), damaged("oci", oci, oci.length)))
                .checkAssert(d -> importOnce(d, d.kind().startsWith("oci") ? "image.oci.tar" : "rootfs.tar"));
    }

    /** Found by the property above: Jackson's message about a cut-off index.json went on to a second line. */
    @Test
    @DisplayName("an OCI layout whose index.json is cut off is refused in one line")
    void truncatedOciIndexIsRefusedInOneLine() throws IOException {
        byte[] cut = TestImages.tar(file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"),
                file("index.json", "{\"schemaVersion\":2,\"manifests\":[{\"dig"));
        importOnce(new Damage("oci with a cut-off index.json", cut), "image.oci.tar");
    }

    private static void importOnce(Damage d, String fileName) {
        try {
            importOnceOrThrow(d, fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void importOnceOrThrow(Damage d, String fileName) throws IOException {
        Path run = Files.createTempDirectory(root, "run-");
        try {
            Path work = Files.createDirectories(run.resolve("work"));
            Path input = work.resolve(fileName);
            Files.write(input, d.bytes());
            ImageStore store = ImageStore.open(run.resolve("store"));
            List<Path> outsideBefore = outside(run);
            try {
                ImageRecord r = new ImageImporter(store, new Limits(8 << 20, 1000), ProgressListener.NONE)
                        .importFile(input, "fuzz");
                assertEquals(java.util.Optional.empty(), store.problem(r, true), "a stored image is whole: " + d);
                store.remove("fuzz", ImageUsage.NONE);
            } catch (ImageException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a message: " + d);
                assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            }
            assertEquals(List.of(), contents(run.resolve("store/records")), "nothing entered the store: " + d);
            assertEquals(List.of(), contents(run.resolve("store/blobs")), "no blob left: " + d);
            assertEquals(List.of(), contents(run.resolve("store/tmp")), "staging cleaned: " + d);
            assertEquals(outsideBefore, outside(run), "nothing written outside the store: " + d);
            assertTrue(java.util.Arrays.equals(d.bytes(), Files.readAllBytes(input)), "the input is untouched");
        } finally {
            try (Stream<Path> s = Files.walk(run)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<Path> contents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Every path under the run's directory except the store itself, and every temp file named like ours. */
    private static List<Path> outside(Path run) throws IOException {
        try (Stream<Path> s = Files.walk(run)) {
            return s.filter(p -> !p.startsWith(run.resolve("store"))).sorted().toList();
        }
    }
}
