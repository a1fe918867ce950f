package dev.hyperlab.images.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A disk's first sector and partition table as firmware sees them (512-byte sectors, as every
 * cloud image has): whether sector 0 is an MBR with boot code, and the MBR or GPT partitions.
 */
public record PartitionTable(Scheme scheme, boolean mbrSignature, boolean mbrBootCode, List<Partition> partitions) {
    public enum Scheme { NONE, MBR, GPT }

    static final int SECTOR = 512;
    private static final int MAX_GPT_ENTRIES = 1024;

    public PartitionTable {
        partitions = List.copyOf(partitions);
    }

    public static PartitionTable read(DiskReader disk) throws IOException {
        byte[] s0 = disk.read(0, SECTOR);
        boolean signature = (s0[510] & 0xff) == 0x55 && (s0[511] & 0xff) == 0xaa;
        // BIOS runs the first 440 bytes (the rest up to 446 is the disk signature); all zeros is no code.
        boolean bootCode = false;
        for (int i = 0; i < 440 && signature; i++) {
            bootCode |= s0[i] != 0;
        }
        if (!signature) {
            return new PartitionTable(Scheme.NONE, false, false, List.of());
        }
        ByteBuffer mbr = ByteBuffer.wrap(s0).order(ByteOrder.LITTLE_ENDIAN);
        boolean protective = false;
        List<Partition> primary = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int at = 446 + 16 * i;
            int type = s0[at + 4] & 0xff;
            long start = Integer.toUnsignedLong(mbr.getInt(at + 8));
            long count = Integer.toUnsignedLong(mbr.getInt(at + 12));
            if (type == 0xee) {
                protective = true;
            } else if (type != 0 && count != 0) {
                primary.add(new Partition(i + 1, start * SECTOR, count * SECTOR, String.format("%02x", type)));
            }
        }
        if (protective) {
            List<Partition> gpt = gpt(disk);
            if (gpt != null) {
                return new PartitionTable(Scheme.GPT, true, bootCode, gpt);
            }
        }
        return new PartitionTable(Scheme.MBR, true, bootCode, primary);
    }

    /** The GPT's partitions, or null when LBA 1 holds no GPT header. */
    private static List<Partition> gpt(DiskReader disk) throws IOException {
        ByteBuffer h = ByteBuffer.wrap(disk.read(SECTOR, SECTOR)).order(ByteOrder.LITTLE_ENDIAN);
        if (!new String(h.array(), 0, 8, StandardCharsets.US_ASCII).equals("EFI PART")) {
            return null;
        }
        long entriesLba = h.getLong(72);
        int count = Math.min(h.getInt(80), MAX_GPT_ENTRIES);
        int size = h.getInt(84);
        if (size < 128 || size > 4096 || count < 0) {
            return null;
        }
        ByteBuffer e = ByteBuffer.wrap(disk.read(entriesLba * SECTOR, count * size)).order(ByteOrder.LITTLE_ENDIAN);
        List<Partition> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = i * size;
            String type = guid(e, at);
            if (type.equals("00000000-0000-0000-0000-000000000000")) {
                continue;
            }
            long first = e.getLong(at + 32);
            long last = e.getLong(at + 40);
            out.add(new Partition(i + 1, first * SECTOR, (last - first + 1) * SECTOR, type));
        }
        return out;
    }

    /** A GUID as text: the first three fields are little-endian on disk, the rest big-endian. */
    static String guid(ByteBuffer b, int at) {
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", b.getInt(at),
                b.getShort(at + 4), b.getShort(at + 6), b.get(at + 8), b.get(at + 9), b.get(at + 10), b.get(at + 11),
                b.get(at + 12), b.get(at + 13), b.get(at + 14), b.get(at + 15));
    }
}
