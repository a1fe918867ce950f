package dev.hyperlab.images.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.images.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {
    @TempDir Path dir;

    @Test
    void detectsByContentNotName() throws IOException {
        Path q = TestImages.qcow2(dir, "looks-like.tar.gz");
        assertEquals(DetectedFormat.QCOW2, FormatDetector.detect(q));
        assertEquals(DetectedFormat.RAW_DISK, FormatDetector.detect(TestImages.rawDisk()));
        assertEquals(DetectedFormat.TAR, FormatDetector.detect(TestImages.tar(TestImages.E.file("a", "b"))));
        assertEquals(DetectedFormat.UNKNOWN, FormatDetector.detect("hello world".getBytes()));
        assertEquals(DetectedFormat.UNKNOWN, FormatDetector.detect(new byte[0]));
    }

    @Test
    void detectsCompressors() throws IOException {
        byte[] data = "some data".getBytes();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (var o = new GZIPOutputStream(b)) { o.write(data); }
        assertEquals(DetectedFormat.GZIP, FormatDetector.detect(b.toByteArray()));
        b.reset();
        try (var o = new XZCompressorOutputStream(b)) { o.write(data); }
        assertEquals(DetectedFormat.XZ, FormatDetector.detect(b.toByteArray()));
        b.reset();
        try (var o = new ZstdCompressorOutputStream(b)) { o.write(data); }
        assertEquals(DetectedFormat.ZSTD, FormatDetector.detect(b.toByteArray()));
    }

    @Test
    void detectsFormatsWeRefuse() {
        byte[] vmdk = "KDMV....".getBytes();
        assertEquals(DetectedFormat.VMDK, FormatDetector.detect(vmdk));
        byte[] iso = new byte[34 * 1024];
        System.arraycopy("CD001".getBytes(), 0, iso, 32769, 5);
        assertEquals(DetectedFormat.ISO9660, FormatDetector.detect(iso));
        byte[] ext4 = new byte[2048];
        ext4[1080] = 0x53;
        ext4[1081] = (byte) 0xef;
        assertEquals(DetectedFormat.RAW_DISK, FormatDetector.detect(ext4));
    }

    @Test
    void fileAndStreamAgree() throws IOException {
        Path f = dir.resolve("disk");
        Files.write(f, TestImages.rawDisk());
        assertEquals(DetectedFormat.RAW_DISK, FormatDetector.detect(f));
        try (var in = Files.newInputStream(f)) {
            assertEquals(DetectedFormat.RAW_DISK, FormatDetector.detect(in));
        }
    }
}
