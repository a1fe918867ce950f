package dev.hyperlab.images.firmware;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Small disk headers written byte by byte, as partitioning tools write them: an MBR (boot code,
 * partition entries, 55AA), a GPT (header at LBA 1, entries at LBA 2) and a FAT12 file system for an
 * EFI system partition. 4 MiB disks, 512-byte sectors.
 */
final class CraftedDisk {
    static final int SECTOR = 512;
    final ByteBuffer b = ByteBuffer.allocate(4 << 20).order(ByteOrder.LITTLE_ENDIAN);

    /** Something non-zero where BIOS boot code goes (GRUB's boot.img starts with a jump). */
    CraftedDisk bootCode() {
        b.put(0, (byte) 0xeb).put(1, (byte) 0x63).put(2, (byte) 0x90);
        return signature();
    }

    CraftedDisk signature() {
        b.put(510, (byte) 0x55).put(511, (byte) 0xaa);
        return this;
    }

    CraftedDisk mbrPartition(int slot, int type, long firstLba, long sectors) {
        int at = 446 + 16 * slot;
        b.put(at + 4, (byte) type).putInt(at + 8, (int) firstLba).putInt(at + 12, (int) sectors);
        return signature();
    }

    /** A protective MBR (one 0xEE partition over the disk) and a GPT header at LBA 1. */
    CraftedDisk gpt() {
        mbrPartition(0, 0xee, 1, b.capacity() / SECTOR - 1);
        b.position(SECTOR);
        b.put("EFI PART".getBytes(StandardCharsets.US_ASCII));
        b.putLong(SECTOR + 72, 2).putInt(SECTOR + 80, 128).putInt(SECTOR + 84, 128);
        return this;
    }

    CraftedDisk gptPartition(int index, String typeGuid, long firstLba, long lastLba) {
        int at = 2 * SECTOR + index * 128;
        UUID u = UUID.fromString(typeGuid);
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        b.putInt(at, (int) (hi >>> 32)).putShort(at + 4, (short) (hi >>> 16)).putShort(at + 6, (short) hi);
        ByteBuffer.wrap(b.array(), at + 8, 8).order(ByteOrder.BIG_ENDIAN).putLong(lo);
        b.putLong(at + 32, firstLba).putLong(at + 40, lastLba);
        return this;
    }

    /**
     * A FAT12 volume at {@code lba} (64 sectors: boot sector, one FAT, a one-sector root directory,
     * data from sector 3) holding the directories and file of {@code path} ("EFI/BOOT/BOOTX64.EFI").
     */
    CraftedDisk fat12(long lba, String path) {
        int base = (int) (lba * SECTOR);
        b.put(base, (byte) 0xeb).put(base + 1, (byte) 0x3c).put(base + 2, (byte) 0x90);
        b.putShort(base + 11, (short) SECTOR).put(base + 13, (byte) 1).putShort(base + 14, (short) 1)
                .put(base + 16, (byte) 1).putShort(base + 17, (short) 16).putShort(base + 19, (short) 64)
                .put(base + 21, (byte) 0xf8).putShort(base + 22, (short) 1);
        b.put(base + 510, (byte) 0x55).put(base + 511, (byte) 0xaa);
        int fat = base + SECTOR;
        int root = base + 2 * SECTOR;
        b.put(fat, (byte) 0xf8).put(fat + 1, (byte) 0xff).put(fat + 2, (byte) 0xff);
        String[] parts = path.split("/");
        int dir = root;
        int cluster = 2;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            b.put(dir, FatVolume.shortName(parts[i]), 0, 11);
            b.put(dir + 11, (byte) (last ? 0x20 : 0x10));
            b.putShort(dir + 26, (short) cluster).putInt(dir + 28, last ? 4 : 0);
            setFat12(fat, cluster, 0xfff);
            dir = base + (3 + cluster - 2) * SECTOR;
            cluster++;
        }
        return this;
    }

    private void setFat12(int fat, int cluster, int value) {
        int at = fat + cluster * 3 / 2;
        int v = (b.get(at) & 0xff) | (b.get(at + 1) & 0xff) << 8;
        v = (cluster & 1) == 0 ? (v & 0xf000) | value : (v & 0x000f) | (value << 4);
        b.put(at, (byte) v).put(at + 1, (byte) (v >>> 8));
    }

    byte[] bytes() { return b.array(); }
}
