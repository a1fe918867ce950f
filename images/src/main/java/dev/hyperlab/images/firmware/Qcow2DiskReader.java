package dev.hyperlab.images.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a qcow2 image by guest offset through its L1/L2 tables, in Java: no qemu-nbd, no loop
 * device, no temporary raw copy. Handles what cloud images use: version 2 and 3, unallocated and
 * zero clusters (read as zeros), and deflate-compressed clusters (Debian and Ubuntu ship those).
 * Refuses what it cannot map (a backing file, encryption, zstd compression, extended L2 entries)
 * with an IOException saying which.
 */
final class Qcow2DiskReader implements DiskReader {
    private static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
    private static final long COMPRESSED = 1L << 62;
    private static final long ZERO = 1L;

    private final FileChannel ch;
    private final int clusterBits;
    private final long clusterSize;
    private final long size;
    private final long[] l1;

    private Qcow2DiskReader(FileChannel ch, int clusterBits, long size, long[] l1) {
        this.ch = ch;
        this.clusterBits = clusterBits;
        this.clusterSize = 1L << clusterBits;
        this.size = size;
        this.l1 = l1;
    }

    static boolean isQcow2(byte[] magic) {
        return magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I' && (magic[3] & 0xff) == 0xfb;
    }

    static Qcow2DiskReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer h = ByteBuffer.allocate(112);
            ch.read(h, 0);
            h.flip();
            int version = h.getInt(4);
            if (h.getLong(8) != 0) {
                throw new IOException("the qcow2 has a backing file");
            }
            int clusterBits = h.getInt(20);
            long size = h.getLong(24);
            if (h.getInt(32) != 0) {
                throw new IOException("the qcow2 is encrypted");
            }
            int l1Size = h.getInt(36);
            long l1Offset = h.getLong(40);
            if (clusterBits < 9 || clusterBits > 21 || l1Size < 0 || l1Size > (1 << 24)) {
                throw new IOException("the qcow2 header is damaged (cluster bits " + clusterBits + ", L1 size " + l1Size + ")");
            }
            if (version >= 3) {
                long incompatible = h.getLong(72);
                if ((incompatible & (1 << 3)) != 0 && h.getInt(100) >= 105 && (h.get(104) & 0xff) != 0) {
                    throw new IOException("the qcow2 uses zstd compression");
                }
                if ((incompatible & (1 << 4)) != 0) {
                    throw new IOException("the qcow2 uses extended L2 entries");
                }
            }
            ByteBuffer l1b = ByteBuffer.allocate(l1Size * 8);
            readFully(ch, l1b, l1Offset);
            l1b.flip();
            long[] l1 = new long[l1Size];
            for (int i = 0; i < l1Size; i++) {
                l1[i] = l1b.getLong();
            }
            return new Qcow2DiskReader(ch, clusterBits, size, l1);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override public long size() { return size; }

    @Override public void read(long offset, byte[] buf) throws IOException {
        Arrays.fill(buf, (byte) 0);
        int done = 0;
        while (done < buf.length) {
            long pos = offset + done;
            if (pos >= size) {
                return;
            }
            long inCluster = pos & (clusterSize - 1);
            int n = (int) Math.min(buf.length - done, clusterSize - inCluster);
            byte[] cluster = cluster(pos >>> clusterBits);
            if (cluster != null) {
                System.arraycopy(cluster, (int) inCluster, buf, done, n);
            }
            done += n;
        }
    }

    /** The guest cluster's bytes, or null when it reads as zeros. */
    private byte[] cluster(long index) throws IOException {
        long entriesPerL2 = clusterSize / 8;
        int l1Index = (int) (index / entriesPerL2);
        if (l1Index >= l1.length) {
            return null;
        }
        long l2Offset = l1[l1Index] & OFFSET_MASK;
        if (l2Offset == 0) {
            return null;
        }
        ByteBuffer e = ByteBuffer.allocate(8);
        readFully(ch, e, l2Offset + (index % entriesPerL2) * 8);
        long entry = e.getLong(0);
        byte[] out = new byte[(int) clusterSize];
        if ((entry & COMPRESSED) != 0) {
            int x = 62 - (clusterBits - 8);
            long host = entry & ((1L << x) - 1);
            long sectors = ((entry >>> x) & ((1L << (clusterBits - 8)) - 1)) + 1;
            int length = (int) (sectors * 512 - (host & 511));
            ByteBuffer c = ByteBuffer.allocate(length);
            ch.read(c, host); // the last compressed cluster may end before 'length': inflate what is there
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(c.array(), 0, c.position());
                inf.inflate(out);
            } catch (DataFormatException ex) {
                throw new IOException("a compressed qcow2 cluster does not inflate: " + ex.getMessage(), ex);
            } finally {
                inf.end();
            }
            return out;
        }
        long host = entry & OFFSET_MASK;
        if ((entry & ZERO) != 0 || host == 0) {
            return null;
        }
        readFully(ch, ByteBuffer.wrap(out), host);
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new IOException("the qcow2 ends before offset " + pos + " its tables point to");
            }
            pos += n;
        }
    }

    @Override public void close() throws IOException { ch.close(); }
}
