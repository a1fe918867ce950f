package dev.hyperlab.cloudinit.seed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** An independent, minimal ISO 9660 reader for tests: volume descriptors and the root directory. */
final class IsoReader {
    final byte[] img;

    IsoReader(byte[] img) {
        this.img = img;
    }

    ByteBuffer sector(int n) {
        return ByteBuffer.wrap(img, n * 2048, 2048).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Descriptor type at sector n (1 primary, 2 supplementary, 255 terminator). */
    int descriptorType(int n) {
        return img[n * 2048] & 0xff;
    }

    String standardId(int n) {
        return new String(img, n * 2048 + 1, 5, StandardCharsets.US_ASCII);
    }

    String primaryVolumeId() {
        return new String(img, 16 * 2048 + 40, 32, StandardCharsets.US_ASCII).strip();
    }

    String jolietVolumeId() {
        return new String(img, 17 * 2048 + 40, 32, StandardCharsets.UTF_16BE).strip();
    }

    String jolietEscape() {
        return new String(img, 17 * 2048 + 88, 3, StandardCharsets.US_ASCII);
    }

    int volumeSpaceSize(int descriptor) {
        ByteBuffer b = sector(descriptor);
        int le = b.order(ByteOrder.LITTLE_ENDIAN).getInt(80);
        int be = b.order(ByteOrder.BIG_ENDIAN).getInt(84);
        if (le != be) {
            throw new AssertionError("both-endian mismatch: " + le + " vs " + be);
        }
        return le;
    }

    /** Name to content of the root directory of the tree described at sector {@code descriptor}. */
    Map<String, byte[]> rootFiles(int descriptor) {
        boolean joliet = descriptorType(descriptor) == 2;
        ByteBuffer d = sector(descriptor);
        int rootExtent = d.order(ByteOrder.LITTLE_ENDIAN).getInt(156 + 2);
        int rootSize = d.getInt(156 + 10);
        Map<String, byte[]> files = new LinkedHashMap<>();
        int pos = rootExtent * 2048;
        int end = pos + rootSize;
        int index = 0;
        while (pos < end && img[pos] != 0) {
            int len = img[pos] & 0xff;
            ByteBuffer r = ByteBuffer.wrap(img, pos, len).slice().order(ByteOrder.LITTLE_ENDIAN);
            int extent = r.getInt(2);
            int size = r.getInt(10);
            int flags = r.get(25);
            int idLen = r.get(32) & 0xff;
            byte[] id = Arrays.copyOfRange(img, pos + 33, pos + 33 + idLen);
            if (index++ >= 2) { // skip "." and ".."
                if ((flags & 2) != 0) {
                    throw new AssertionError("unexpected sub-directory");
                }
                String name = joliet ? new String(id, StandardCharsets.UTF_16BE) : new String(id, StandardCharsets.US_ASCII);
                files.put(name, Arrays.copyOfRange(img, extent * 2048, extent * 2048 + size));
            }
            pos += len;
        }
        return files;
    }
}
