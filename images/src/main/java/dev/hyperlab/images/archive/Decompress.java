package dev.hyperlab.images.archive;

import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.format.DetectedFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** Stream decompression (Commons Compress) and bounded, sparse copying. */
public final class Decompress {
    private Decompress() {}

    /** Wraps {@code in} in the decompressor for {@code format}. */
    public static InputStream open(InputStream in, DetectedFormat format) throws IOException {
        InputStream b = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        return switch (format) {
            case XZ -> new XZCompressorInputStream(b, true);
            case GZIP -> new GzipCompressorInputStream(b, true);
            case ZSTD -> new ZstdCompressorInputStream(b);
            case BZIP2 -> new BZip2CompressorInputStream(b, true);
            default -> b;
        };
    }

    /**
     * Copies {@code in} to {@code target}, leaving all-zero blocks as holes (raw disks are mostly
     * empty), and fails once more than {@code maxBytes} came out.
     *
     * @return bytes copied (the file's length)
     */
    public static long copySparse(InputStream in, Path target, long maxBytes, String what) throws IOException {
        byte[] buf = new byte[1 << 16];
        long pos = 0;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                int n = in.readNBytes(buf, 0, buf.length);
                if (n <= 0) {
                    break;
                }
                if (pos + n > maxBytes) {
                    throw ImageException.badInput(what + " rejected: it unpacks to more than " + maxBytes
                            + " bytes (size limit); try a smaller image");
                }
                if (!allZero(buf, n)) {
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    long at = pos;
                    while (bb.hasRemaining()) {
                        at += out.write(bb, at);
                    }
                }
                pos += n;
            }
            if (out.size() < pos) {
                out.truncate(pos); // no-op for shrinking; extend via write of the last byte below
                out.write(ByteBuffer.wrap(new byte[1]), pos - 1);
            }
        }
        return pos;
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static long size(Path p) throws IOException {
        return Files.size(p);
    }
}
