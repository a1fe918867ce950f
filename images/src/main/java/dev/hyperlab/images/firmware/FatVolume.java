package dev.hyperlab.images.firmware;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Just enough of FAT12/16/32 to answer "does this file exist?" (UEFI's removable-media path
 * {@code EFI/BOOT/BOOTX64.EFI}) by walking directories through their cluster chains. Names are
 * matched on the 8.3 short name, which every FAT file has and which firmware itself uses.
 */
final class FatVolume {
    private final DiskReader disk;
    private final long base;
    private final int bytesPerSector;
    private final int sectorsPerCluster;
    private final long fatOffset;
    private final long rootDirOffset;
    private final int rootEntries;
    private final long dataOffset;
    private final int fatBits;
    private final long rootCluster;

    private FatVolume(DiskReader disk, long base, ByteBuffer bs) {
        this.disk = disk;
        this.base = base;
        this.bytesPerSector = bs.getShort(11) & 0xffff;
        this.sectorsPerCluster = bs.get(13) & 0xff;
        int reserved = bs.getShort(14) & 0xffff;
        int fats = bs.get(16) & 0xff;
        this.rootEntries = bs.getShort(17) & 0xffff;
        long total = (bs.getShort(19) & 0xffff) != 0 ? bs.getShort(19) & 0xffff : Integer.toUnsignedLong(bs.getInt(32));
        long fatSize = (bs.getShort(22) & 0xffff) != 0 ? bs.getShort(22) & 0xffff : Integer.toUnsignedLong(bs.getInt(36));
        long rootSectors = ((long) rootEntries * 32 + bytesPerSector - 1) / bytesPerSector;
        long dataSector = reserved + fats * fatSize + rootSectors;
        long clusters = (total - dataSector) / Math.max(1, sectorsPerCluster);
        this.fatBits = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
        this.fatOffset = base + (long) reserved * bytesPerSector;
        this.rootDirOffset = base + (reserved + fats * fatSize) * bytesPerSector;
        this.dataOffset = base + dataSector * bytesPerSector;
        this.rootCluster = fatBits == 32 ? Integer.toUnsignedLong(bs.getInt(44)) & 0x0fff_ffffL : 0;
    }

    /** The FAT file system at {@code offset}, or null when its boot sector is not one. */
    static FatVolume at(DiskReader disk, long offset) throws IOException {
        ByteBuffer bs = ByteBuffer.wrap(disk.read(offset, 512)).order(ByteOrder.LITTLE_ENDIAN);
        int bps = bs.getShort(11) & 0xffff;
        int spc = bs.get(13) & 0xff;
        boolean sig = (bs.get(510) & 0xff) == 0x55 && (bs.get(511) & 0xff) == 0xaa;
        if (!sig || (bps != 512 && bps != 1024 && bps != 2048 && bps != 4096) || spc == 0 || Integer.bitCount(spc) != 1
                || (bs.get(16) & 0xff) == 0) {
            return null;
        }
        return new FatVolume(disk, offset, bs);
    }

    /** True when the path (components separated by '/') names a file in this volume. */
    boolean hasFile(String path) throws IOException {
        String[] parts = path.split("/");
        long dirCluster = rootCluster; // 0 = FAT12/16's fixed root directory
        for (int i = 0; i < parts.length; i++) {
            byte[] entry = find(dirCluster, shortName(parts[i]));
            if (entry == null) {
                return false;
            }
            boolean isDir = (entry[11] & 0x10) != 0;
            if (i == parts.length - 1) {
                return !isDir;
            }
            if (!isDir) {
                return false;
            }
            ByteBuffer e = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
            dirCluster = ((long) (e.getShort(20) & 0xffff) << 16) | (e.getShort(26) & 0xffff);
        }
        return false;
    }

    private byte[] find(long dirCluster, byte[] name) throws IOException {
        if (dirCluster == 0) {
            return scan(disk.read(rootDirOffset, rootEntries * 32), name);
        }
        Set<Long> seen = new HashSet<>();
        long c = dirCluster;
        int clusterBytes = bytesPerSector * sectorsPerCluster;
        while (c >= 2 && c < endOfChain() && seen.add(c)) {
            byte[] found = scan(disk.read(dataOffset + (c - 2) * clusterBytes, clusterBytes), name);
            if (found != null) {
                return found;
            }
            c = next(c);
        }
        return null;
    }

    private static byte[] scan(byte[] dir, byte[] name) {
        for (int at = 0; at + 32 <= dir.length; at += 32) {
            int first = dir[at] & 0xff;
            if (first == 0) {
                return null; // end of directory
            }
            int attr = dir[at + 11] & 0xff;
            if (first == 0xe5 || attr == 0x0f || (attr & 0x08) != 0) {
                continue; // deleted, long-name part, volume label
            }
            boolean match = true;
            for (int i = 0; i < 11 && match; i++) {
                match = dir[at + i] == name[i];
            }
            if (match) {
                byte[] e = new byte[32];
                System.arraycopy(dir, at, e, 0, 32);
                return e;
            }
        }
        return null;
    }

    private long endOfChain() { return fatBits == 12 ? 0xff8 : fatBits == 16 ? 0xfff8 : 0x0fff_fff8L; }

    private long next(long cluster) throws IOException {
        if (fatBits == 32) {
            return Integer.toUnsignedLong(ByteBuffer.wrap(disk.read(fatOffset + cluster * 4, 4))
                    .order(ByteOrder.LITTLE_ENDIAN).getInt()) & 0x0fff_ffffL;
        }
        if (fatBits == 16) {
            return ByteBuffer.wrap(disk.read(fatOffset + cluster * 2, 2)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        }
        byte[] b = disk.read(fatOffset + cluster * 3 / 2, 2);
        int v = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        return (cluster & 1) == 0 ? v & 0xfff : v >>> 4;
    }

    /** "bootx64.efi" as its 8.3 directory name "BOOTX64 EFI". */
    static byte[] shortName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String base = dot < 0 ? n : n.substring(0, dot);
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return String.format("%-8.8s%-3.3s", base, ext).getBytes(StandardCharsets.US_ASCII);
    }
}
