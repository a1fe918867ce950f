package dev.hyperlab.images.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Decides whether a qcow2 file is safe to use as a base image. A backing file (or an external
 * data file) makes QEMU open a path named inside the image: a crafted image could read any host
 * file into a guest, so any reference is refused. The header is checked by hand first (so QEMU
 * never opens such a file), then {@code qemu-img info} and {@code qemu-img check} look at the rest.
 */
public final class Qcow2Validator {
    private static final long INCOMPAT_EXTERNAL_DATA = 1L << 2;
    private static final int EXT_DATA_FILE = 0x44415441; // "DATA" header extension: external data file name

    private Qcow2Validator() {}

    /** The virtual size of a qcow2 that passed every check; throws BAD_INPUT otherwise. */
    public static long validate(Path file, String what) {
        checkHeader(file, what);
        JsonNode info = info(file, what);
        if (info.hasNonNull("backing-filename") || info.hasNonNull("full-backing-filename")) {
            throw reject(what, "it refers to backing file " + info.path("backing-filename").asText());
        }
        if (!"qcow2".equals(info.path("format").asText())) {
            throw reject(what, "qemu-img reads it as " + info.path("format").asText() + ", not qcow2");
        }
        Tools.Result check = Tools.run(List.of("qemu-img", "check", "-f", "qcow2", file.toString()), 600);
        // 0: clean, 3: only leaked clusters (wasted space, harmless); 1, 2: broken or corrupt.
        if (check.exitCode() != 0 && check.exitCode() != 3) {
            throw reject(what, "qemu-img check reports it corrupt: " + Tools.tail(check.output(), 3));
        }
        return info.path("virtual-size").asLong();
    }

    /** Header checks done without QEMU: magic, version, no backing file, no external data file, sane sizes. */
    static void checkHeader(Path file, String what) {
        String why = headerProblem(file);
        if (why != null) {
            throw reject(what, why);
        }
    }

    /**
     * What is wrong with a qcow2 file's header (read by hand, never by QEMU), or null when it passes:
     * also how the image store tells a truncated disk blob from a whole one without hashing it.
     */
    public static String headerProblem(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            ByteBuffer h = ByteBuffer.allocate(112);
            while (h.hasRemaining() && ch.read(h) > 0) {
                // read the header
            }
            if (h.position() < 72) {
                return "its qcow2 header is truncated (" + length + " bytes)";
            }
            h.flip();
            if (h.getInt(0) != 0x514649fb) {
                return "it is not a qcow2 file";
            }
            int version = h.getInt(4);
            if (version != 2 && version != 3) {
                return "unsupported qcow2 version " + version;
            }
            long backingOffset = h.getLong(8);
            int backingSize = h.getInt(16);
            if (backingOffset != 0 || backingSize != 0) {
                return "it refers to a backing file (a backing file can expose host files to a guest)";
            }
            int clusterBits = h.getInt(20);
            if (clusterBits < 9 || clusterBits > 21) {
                return "its qcow2 header is corrupt (cluster_bits " + clusterBits + ")";
            }
            long size = h.getLong(24);
            if (size <= 0) {
                return "its qcow2 header is corrupt (virtual size " + size + ")";
            }
            long l1Offset = h.getLong(40);
            long refcountOffset = h.getLong(48);
            long clusterSize = 1L << clusterBits;
            if (l1Offset % clusterSize != 0 || refcountOffset % clusterSize != 0
                    || refcountOffset >= length || l1Offset >= length) {
                return "it is truncated or corrupt (tables point past the end of the file)";
            }
            if (version == 3) {
                if (h.position() < 104 && h.limit() < 104) {
                    return "its qcow2 v3 header is truncated";
                }
                long incompatible = h.getLong(72);
                if ((incompatible & INCOMPAT_EXTERNAL_DATA) != 0) {
                    return "it uses an external data file (a host path read by QEMU)";
                }
                int headerLength = h.getInt(100);
                return extensionProblem(ch, headerLength);
            } else {
                return extensionProblem(ch, 72);
            }
        } catch (IOException e) {
            return "it cannot be read: " + e.getMessage();
        }
    }

    private static String extensionProblem(FileChannel ch, long offset) throws IOException {
        ByteBuffer e = ByteBuffer.allocate(8);
        for (int i = 0; i < 64; i++) {
            e.clear();
            if (offset < 0) {
                return "its qcow2 header is corrupt (header extensions at offset " + offset + ")";
            }
            if (ch.read(e, offset) < 8) {
                return null;
            }
            int type = e.getInt(0);
            long len = Integer.toUnsignedLong(e.getInt(4));
            if (type == 0) {
                return null;
            }
            if (type == EXT_DATA_FILE) {
                return "it names an external data file (a host path read by QEMU)";
            }
            offset += 8 + ((len + 7) & ~7L);
        }
        return null;
    }

    static JsonNode info(Path file, String what) {
        Tools.Result r = Tools.run(List.of("qemu-img", "info", "--output=json", "-f", "qcow2", file.toString()), 120);
        if (!r.ok()) {
            throw reject(what, "qemu-img cannot read it: " + Tools.tail(r.output(), 2));
        }
        try {
            return new ObjectMapper().readTree(r.output());
        } catch (IOException e) {
            throw reject(what, "qemu-img info gave no JSON");
        }
    }

    /** Virtual size of any image qemu-img understands. */
    public static long virtualSize(Path file, String format) {
        Tools.Result r = Tools.run(List.of("qemu-img", "info", "--output=json", "-f", format, file.toString()), 120);
        try {
            return r.ok() ? new ObjectMapper().readTree(r.output()).path("virtual-size").asLong() : Files.size(file);
        } catch (IOException e) {
            throw new ImageException(ImageException.Kind.FAILED, "qemu-img info failed: " + e.getMessage(), e);
        }
    }

    private static ImageException reject(String what, String why) {
        return ImageException.badInput(what + " rejected: " + why + "; try an image without a backing file "
                + "(qemu-img convert -O qcow2 IN OUT flattens one)");
    }
}
