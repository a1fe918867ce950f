package dev.hyperlab.images.archive;

import static dev.hyperlab.images.TestImages.E.chardev;
import static dev.hyperlab.images.TestImages.E.dir;
import static dev.hyperlab.images.TestImages.E.file;
import static dev.hyperlab.images.TestImages.E.hardlink;
import static dev.hyperlab.images.TestImages.E.symlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.TestImages;
import dev.hyperlab.images.TestImages.E;
import dev.hyperlab.images.Tools;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageImporterTest {
    @TempDir Path tmp;
    private Path work;
    private ImageStore store;
    private ImageImporter importer;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(tmp.resolve("work/inner/deeper"));
        store = ImageStore.open(tmp.resolve("store"));
        importer = new ImageImporter(store, new Limits(4 << 20, 1000), ProgressListener.NONE);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Path write(String name, byte[] content) throws IOException {
        Path p = work.resolve(name);
        Files.write(p, content);
        return p;
    }

    /** Imports a hostile file and checks the error and that nothing changed anywhere. */
    private void assertRejected(Path file, String expected) throws IOException {
        List<Path> before = snapshot(tmp);
        ImageException e = assertThrows(ImageException.class, () -> importer.importFile(file, "hostile"));
        assertEquals(ImageException.Kind.BAD_INPUT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
        assertTrue(e.getMessage().contains("; try "), "message has a hint: " + e.getMessage());
        assertEquals(List.of(), store.list());
        assertEquals(before, snapshot(tmp), "filesystem unchanged");
    }

    private static List<Path> snapshot(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.getFileName().toString().equals(".lock")).sorted().toList();
        }
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (var g = new GZIPOutputStream(o)) { g.write(b); }
        return o.toByteArray();
    }

    private Map<String, String> contents(ImageRecord r) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = Files.newInputStream(store.path(r, ImageRecord.ROOTFS))) {
            TarArchiveInputStream t = new TarArchiveInputStream(in);
            for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
                out.put(e.getName(), e.isDirectory() ? "<dir>" : e.isSymbolicLink() ? "-> " + e.getLinkName()
                        : new String(t.readAllBytes()));
            }
        }
        return out;
    }

    // ---- accepted inputs --------------------------------------------------------------------

    @Test
    void importsQcow2DetectedByContent() throws IOException {
        Path q = TestImages.qcow2(work, "disk.tar");
        ImageRecord r = importer.importFile(q, "q");
        assertEquals(ImageFormat.QCOW2, r.format());
        assertEquals(1 << 20, r.virtualSize());
        assertTrue(Files.exists(q), "the input is left alone");
    }

    @Test
    void importsRawAsQcow2() throws IOException {
        ImageRecord r = importer.importFile(write("disk.img", TestImages.rawDisk()), null);
        assertEquals("disk", r.name());
        assertEquals(ImageFormat.QCOW2, r.format());
        assertTrue(Files.readString(Path.of("/dev/null")).isEmpty());
        String info = Tools.check("t", List.of("qemu-img", "info", store.path(r, ImageRecord.DISK).toString()), 30);
        assertTrue(info.contains("file format: qcow2"), info);
    }

    @Test
    void importsGzippedRootfsTar() throws IOException {
        byte[] tar = TestImages.tar(dir("./"), dir("./etc/"), file("./etc/hostname", "h\n"),
                symlink("./bin", "usr/bin"), symlink("./etc/alt", "/usr/bin/x"), hardlink("./etc/h2", "./etc/hostname"));
        ImageRecord r = importer.importFile(write("root.tgz", gzip(tar)), "root");
        assertEquals(ImageFormat.ROOTFS_TAR, r.format());
        assertEquals(Map.of("etc/", "<dir>", "etc/hostname", "h\n", "bin", "-> usr/bin", "etc/alt", "-> /usr/bin/x",
                "etc/h2", ""), contents(r));
    }

    // ---- rejected inputs --------------------------------------------------------------------

    @Test
    void rejectsQcow2WithBackingFile() throws IOException {
        Path q = work.resolve("evil.qcow2");
        Tools.check("t", List.of("qemu-img", "create", "-q", "-f", "qcow2", "-b", "/etc/hostname", "-F", "raw",
                q.toString(), "1M"), 30);
        assertRejected(q, "backing file");
    }

    @Test
    void rejectsQcow2WithExternalDataFile() throws IOException {
        Path q = work.resolve("evil.qcow2");
        Tools.check("t", List.of("qemu-img", "create", "-q", "-f", "qcow2", "-o", "data_file=" + work.resolve("d.raw"),
                q.toString(), "1M"), 30);
        assertRejected(q, "external data file");
    }

    @Test
    void rejectsTruncatedQcow2() throws IOException {
        byte[] good = Files.readAllBytes(TestImages.qcow2(tmp, "good.qcow2"));
        assertRejected(write("t1.qcow2", java.util.Arrays.copyOf(good, 60)), "truncated");
        assertRejected(write("t2.qcow2", java.util.Arrays.copyOf(good, 70_000)), "truncated or corrupt");
    }

    @Test
    void rejectsCorruptQcow2() throws IOException {
        Path q = TestImages.qcow2(work, "corrupt.qcow2");
        try (RandomAccessFile f = new RandomAccessFile(q.toFile(), "rw")) {
            f.seek(40);
            long l1 = f.readLong();
            f.seek(l1);
            f.writeLong(0x00ff_ffff_ffff_fe00L | (1L << 63)); // L1 entry pointing far beyond the file
        }
        assertRejected(q, "corrupt");
    }

    @Test
    void rejectsDotDotEntries() throws IOException {
        assertRejected(write("a.tar", TestImages.tar(file("ok", "x"), file("../../escaped", "x"))), "contains '..'");
        assertTrue(Files.notExists(tmp.resolve("work/escaped")));
    }

    @Test
    void rejectsAbsoluteEntries() throws IOException {
        assertRejected(write("a.tar", TestImages.tar(file("/tmp/escaped", "x"))), "absolute path");
    }

    @Test
    void rejectsSymlinkEscapingTheRoot() throws IOException {
        assertRejected(write("a.tar", TestImages.tar(dir("a/"), symlink("a/up", "../../etc/shadow"))), "escapes the root");
    }

    @Test
    void rejectsHardlinkEscapingTheRoot() throws IOException {
        assertRejected(write("a.tar", TestImages.tar(hardlink("h", "../etc/shadow"))), "escapes the root");
        assertRejected(write("b.tar", TestImages.tar(hardlink("h", "/etc/shadow"))), "escapes the root");
    }

    @Test
    void rejectsEntriesWrittenThroughASymlink() throws IOException {
        assertRejected(write("a.tar", TestImages.tar(symlink("etc", "/etc"), file("etc/cron.d/evil", "x"))),
                "beneath symlink");
    }

    @Test
    void rejectsDeviceNodes() throws IOException {
        assertRejected(write("a.tar", TestImages.tar(dir("dev/"), chardev("dev/mem"))), "device node");
    }

    @Test
    void rejectsSizeBombs() throws IOException {
        byte[] big = new byte[8 << 20];
        assertRejected(write("bomb.tar.gz", gzip(TestImages.tar(file("zeros", big)))), "size limit");
        big[510] = 0x55;
        big[511] = (byte) 0xaa;
        assertRejected(write("bomb.raw.gz", gzip(big)), "size limit");
    }

    @Test
    void rejectsTruncatedTar() throws IOException {
        byte[] tar = TestImages.tar(file("a", "x".repeat(5000)), file("b", "y"));
        assertRejected(write("t.tar", java.util.Arrays.copyOf(tar, 1500)), "truncated");
    }

    @Test
    void rejectsUnknownFormats() throws IOException {
        assertRejected(write("notes.qcow2", "just text".getBytes()), "not a recognised image");
        assertRejected(write("x.vmdk", "KDMV and more".getBytes()), "VMDK");
    }

    // ---- OCI --------------------------------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sha(byte[] b) {
        return HexFormat.of().formatHex(dev.hyperlab.images.store.Digests.newDigest("SHA-256").digest(b));
    }

    private static byte[] layer1() throws IOException {
        return TestImages.tar(dir("etc/"), file("etc/a", "A"), file("etc/b", "B"), dir("d/"), file("d/x", "X"),
                file("d/y", "Y"), dir("gone/"), file("gone/f", "F"));
    }

    private static byte[] layer2() throws IOException {
        return TestImages.tar(file("etc/.wh.a", ""), file("d/.wh..wh..opq", ""), file("d/z", "Z"),
                file(".wh.gone", ""), file("etc/b", "B2"));
    }

    private static final Map<String, String> MERGED = Map.of("etc/", "<dir>", "etc/b", "B2", "d/", "<dir>", "d/z", "Z");

    @Test
    void ociLayoutLayersAreAppliedWithWhiteouts() throws IOException {
        byte[] l1 = gzip(layer1());
        byte[] l2 = layer2();
        byte[] manifest = JSON.writeValueAsBytes(Map.of("schemaVersion", 2, "layers", List.of(
                Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip", "digest", "sha256:" + sha(l1), "size", l1.length),
                Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar", "digest", "sha256:" + sha(l2), "size", l2.length))));
        byte[] index = JSON.writeValueAsBytes(Map.of("schemaVersion", 2, "manifests", List.of(
                Map.of("digest", "sha256:" + sha(manifest), "size", manifest.length,
                        "platform", Map.of("os", "linux", "architecture", "amd64")))));
        List<E> entries = new ArrayList<>(List.of(file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"),
                file("index.json", new String(index)), dir("blobs/"), dir("blobs/sha256/"),
                file("blobs/sha256/" + sha(manifest), manifest), file("blobs/sha256/" + sha(l1), l1),
                file("blobs/sha256/" + sha(l2), l2)));
        ImageRecord r = importer.importFile(write("img.oci", TestImages.tar(entries.toArray(E[]::new))), "oci");
        assertEquals(ImageFormat.ROOTFS_TAR, r.format());
        assertEquals(MERGED, contents(r));
    }

    @Test
    void dockerSaveArchiveIsFlattened() throws IOException {
        byte[] manifest = JSON.writeValueAsBytes(List.of(Map.of("Config", "c.json", "RepoTags", List.of("x:1"),
                "Layers", List.of("l1/layer.tar", "l2/layer.tar"))));
        byte[] archive = TestImages.tar(file("manifest.json", manifest), file("c.json", "{}"),
                file("l1/layer.tar", layer1()), file("l2real/layer.tar", layer2()), symlink("l2", "l2real"));
        ImageRecord r = importer.importFile(write("saved.tar", archive), "saved");
        assertEquals(MERGED, contents(r));
    }

    @Test
    void ociBlobNotMatchingItsDigestIsRejected() throws IOException {
        byte[] l1 = layer1();
        byte[] manifest = JSON.writeValueAsBytes(Map.of("layers", List.of(Map.of("digest", "sha256:" + sha(l1)))));
        byte[] index = JSON.writeValueAsBytes(Map.of("manifests", List.of(Map.of("digest", "sha256:" + sha(manifest)))));
        byte[] archive = TestImages.tar(file("oci-layout", "{}"), file("index.json", index),
                file("blobs/sha256/" + sha(manifest), manifest), file("blobs/sha256/" + sha(l1), layer2()));
        assertRejected(write("bad.oci", archive), "does not match its digest");
    }

    @Test
    void ociLayerWithHostileEntryIsRejected() throws IOException {
        byte[] l1 = TestImages.tar(file("../../x", "evil"));
        byte[] manifest = JSON.writeValueAsBytes(List.of(Map.of("Layers", List.of("l.tar"))));
        assertRejected(write("evil.tar", TestImages.tar(file("manifest.json", manifest), file("l.tar", l1))), "contains '..'");
    }
}
