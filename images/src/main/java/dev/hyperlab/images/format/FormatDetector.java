package dev.hyperlab.images.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Detects a file's format from its first bytes. */
public final class FormatDetector {
    /** Enough to see a tar header's magic (257), an MBR (510), GPT (512), ext superblock (1080) and ISO (32769). */
    static final int PROBE = 34 * 1024;

    private FormatDetector() {}

    public static DetectedFormat detect(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(PROBE);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill what the file has
            }
            return detect(Arrays.copyOf(buf.array(), buf.position()));
        }
    }

    public static DetectedFormat detect(InputStream in) throws IOException {
        return detect(in.readNBytes(PROBE));
    }

    public static DetectedFormat detect(byte[] b) {
        if (starts(b, 0, 'Q', 'F', 'I', 0xfb)) {
            return DetectedFormat.QCOW2;
        }
        if (starts(b, 0, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return DetectedFormat.XZ;
        }
        if (starts(b, 0, 0x1f, 0x8b)) {
            return DetectedFormat.GZIP;
        }
        if (starts(b, 0, 0x28, 0xb5, 0x2f, 0xfd)) {
            return DetectedFormat.ZSTD;
        }
        if (starts(b, 0, 'B', 'Z', 'h')) {
            return DetectedFormat.BZIP2;
        }
        if (starts(b, 0, 'K', 'D', 'M', 'V') || starts(b, 0, '#', ' ', 'D', 'i', 's', 'k', ' ', 'D')) {
            return DetectedFormat.VMDK;
        }
        if (starts(b, 0, 'v', 'h', 'd', 'x', 'f', 'i', 'l', 'e')) {
            return DetectedFormat.VHDX;
        }
        if (b.length >= 68 && starts(b, 64, 0x7f, 0x10, 0xda, 0xbe)) {
            return DetectedFormat.VDI;
        }
        if (b.length >= 263 && ascii(b, 257, 5).equals("ustar")) {
            return DetectedFormat.TAR;
        }
        if (b.length >= 32774 && ascii(b, 32769, 5).equals("CD001")) {
            return DetectedFormat.ISO9660;
        }
        if (b.length >= 520 && ascii(b, 512, 8).equals("EFI PART")) {
            return DetectedFormat.RAW_DISK;
        }
        if (b.length >= 512 && (b[510] & 0xff) == 0x55 && (b[511] & 0xff) == 0xaa) {
            return DetectedFormat.RAW_DISK;
        }
        if (b.length >= 1082 && (b[1080] & 0xff) == 0x53 && (b[1081] & 0xff) == 0xef) {
            return DetectedFormat.RAW_DISK; // ext2/3/4 superblock magic 0xEF53, little-endian
        }
        return DetectedFormat.UNKNOWN;
    }

    private static boolean starts(byte[] b, int off, int... magic) {
        if (b.length < off + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[off + i] & 0xff) != (magic[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
