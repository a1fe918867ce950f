package dev.hyperlab.cloudinit.seed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A minimal ISO 9660 image (ECMA-119) with a Joliet tree, holding a few small files in the root
 * directory: exactly what a NoCloud seed needs. The primary tree carries 8.3 upper-case names (for
 * readers without Joliet); the Joliet tree carries the real names, which Linux shows by default.
 *
 * <p>Layout (2048-byte sectors): 0-15 system area, 16 primary volume descriptor, 17 Joliet
 * supplementary descriptor, 18 terminator, 19-22 path tables (L and M for each tree), 23 primary root
 * directory, 24 Joliet root directory, then each file's data from a sector boundary. Every byte depends
 * only on the volume id, the files and the given timestamp, so the same input gives the same image.
 */
final class Iso9660Image {
    static final int SECTOR = 2048;
    private static final int PVD = 16;
    private static final int PATH_TABLES = 19;
    private static final int PRIMARY_ROOT = 23;
    private static final int JOLIET_ROOT = 24;
    private static final int FIRST_FILE = 25;
    private static final int PATH_TABLE_SIZE = 10; // the root's record only

    private Iso9660Image() {}

    /**
     * @param files name to content, in any order (records are sorted as the standard requires)
     * @param timestamp recorded as every creation/modification date
     */
    static byte[] build(String volumeId, Map<String, byte[]> files, Instant timestamp) {
        List<Entry> entries = entries(files);
        int sector = FIRST_FILE;
        for (Entry e : entries) {
            e.extent = sector;
            sector += sectorsFor(e.data.length);
        }
        int totalSectors = sector;
        ByteBuffer img = ByteBuffer.allocate(totalSectors * SECTOR);
        LocalDateTime t = LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);

        img.put(PVD * SECTOR, volumeDescriptor(1, volumeId, totalSectors, PATH_TABLES, PATH_TABLES + 1, PRIMARY_ROOT, t));
        img.put((PVD + 1) * SECTOR, volumeDescriptor(2, volumeId, totalSectors, PATH_TABLES + 2, PATH_TABLES + 3, JOLIET_ROOT, t));
        byte[] terminator = new byte[SECTOR];
        terminator[0] = (byte) 255;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, terminator, 1, 5);
        terminator[6] = 1;
        img.put((PVD + 2) * SECTOR, terminator);

        img.put(PATH_TABLES * SECTOR, pathTable(PRIMARY_ROOT, ByteOrder.LITTLE_ENDIAN));
        img.put((PATH_TABLES + 1) * SECTOR, pathTable(PRIMARY_ROOT, ByteOrder.BIG_ENDIAN));
        img.put((PATH_TABLES + 2) * SECTOR, pathTable(JOLIET_ROOT, ByteOrder.LITTLE_ENDIAN));
        img.put((PATH_TABLES + 3) * SECTOR, pathTable(JOLIET_ROOT, ByteOrder.BIG_ENDIAN));

        img.put(PRIMARY_ROOT * SECTOR, directory(PRIMARY_ROOT, entries, false, t));
        img.put(JOLIET_ROOT * SECTOR, directory(JOLIET_ROOT, entries, true, t));
        for (Entry e : entries) {
            img.put(e.extent * SECTOR, e.data);
        }
        return img.array();
    }

    static int sectorsFor(long bytes) {
        return (int) ((bytes + SECTOR - 1) / SECTOR);
    }

    private static final class Entry {
        final String name;
        final byte[] isoName;
        final byte[] jolietName;
        final byte[] data;
        int extent;

        Entry(String name, byte[] data) {
            this.name = name;
            this.isoName = level1Name(name).getBytes(StandardCharsets.US_ASCII);
            this.jolietName = name.getBytes(StandardCharsets.UTF_16BE);
            this.data = data;
        }
    }

    private static List<Entry> entries(Map<String, byte[]> files) {
        List<Entry> entries = new ArrayList<>();
        Set<String> isoNames = new HashSet<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            if (name.isEmpty() || name.length() > 64 || name.contains("/") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("ISO file name '" + name + "' must be 1-64 characters without '/'");
            }
            Entry e = new Entry(name, f.getValue());
            if (!isoNames.add(new String(e.isoName, StandardCharsets.US_ASCII))) {
                throw new IllegalArgumentException("ISO file names collide in 8.3 form: " + files.keySet());
            }
            entries.add(e);
        }
        entries.sort((a, b) -> Arrays.compare(a.jolietName, b.jolietName));
        return entries;
    }

    /** ISO 9660 level 1: NAME8.EXT;1 with d-characters (A-Z 0-9 _). */
    static String level1Name(String name) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";
        base = dChars(base);
        ext = dChars(ext);
        return (base.length() > 8 ? base.substring(0, 8) : base) + "." + (ext.length() > 3 ? ext.substring(0, 3) : ext) + ";1";
    }

    private static String dChars(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    private static byte[] volumeDescriptor(int type, String volumeId, int totalSectors, int lTable, int mTable,
                                           int rootSector, LocalDateTime t) {
        boolean joliet = type == 2;
        ByteBuffer b = ByteBuffer.allocate(SECTOR);
        b.put(0, (byte) type);
        b.put(1, "CD001".getBytes(StandardCharsets.US_ASCII));
        b.put(6, (byte) 1);
        b.put(8, text("LINUX", 32, joliet));
        b.put(40, text(volumeId, 32, joliet));
        b.put(80, bothEndian32(totalSectors));
        if (joliet) {
            b.put(88, "%/E".getBytes(StandardCharsets.US_ASCII)); // UCS-2 level 3
        }
        b.put(120, bothEndian16(1)); // volume set size
        b.put(124, bothEndian16(1)); // volume sequence number
        b.put(128, bothEndian16(SECTOR));
        b.put(132, bothEndian32(PATH_TABLE_SIZE));
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(140, lTable);
        b.order(ByteOrder.BIG_ENDIAN).putInt(148, mTable);
        b.put(156, directoryRecord(rootSector, SECTOR, true, new byte[] {0}, t));
        b.put(190, text("", 128, joliet));                 // volume set
        b.put(318, text("", 128, joliet));                 // publisher
        b.put(446, text("", 128, joliet));                 // data preparer
        b.put(574, text("HYPERLAB NOCLOUD SEED", 128, joliet)); // application
        b.put(702, text("", 37, joliet));                  // copyright file
        b.put(739, text("", 37, joliet));                  // abstract file
        b.put(776, text("", 37, joliet));                  // bibliographic file
        b.put(813, volumeDate(t));                         // creation
        b.put(830, volumeDate(t));                         // modification
        b.put(847, volumeDate(null));                      // expiration: none
        b.put(864, volumeDate(null));                      // effective: immediately
        b.put(881, (byte) 1);                              // file structure version
        return b.array();
    }

    private static byte[] pathTable(int rootSector, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(PATH_TABLE_SIZE).order(order);
        b.put((byte) 1);      // length of directory identifier
        b.put((byte) 0);      // extended attribute record length
        b.putInt(rootSector);
        b.putShort((short) 1); // parent directory number: the root is its own parent
        b.put((byte) 0);      // identifier of the root
        b.put((byte) 0);      // padding to even length
        return b.array();
    }

    private static byte[] directory(int self, List<Entry> entries, boolean joliet, LocalDateTime t) {
        ByteBuffer b = ByteBuffer.allocate(SECTOR);
        b.put(directoryRecord(self, SECTOR, true, new byte[] {0}, t));
        b.put(directoryRecord(self, SECTOR, true, new byte[] {1}, t));
        List<Entry> sorted = new ArrayList<>(entries);
        if (!joliet) {
            sorted.sort((x, y) -> Arrays.compare(x.isoName, y.isoName));
        }
        for (Entry e : sorted) {
            byte[] rec = directoryRecord(e.data.length == 0 ? 0 : e.extent, e.data.length, false,
                    joliet ? e.jolietName : e.isoName, t);
            if (rec.length > b.remaining()) {
                throw new IllegalArgumentException("too many files for a one-sector root directory");
            }
            b.put(rec);
        }
        return b.array();
    }

    private static byte[] directoryRecord(int extent, int size, boolean dir, byte[] id, LocalDateTime t) {
        int len = 33 + id.length + (id.length % 2 == 0 ? 1 : 0);
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put(0, (byte) len);
        b.put(1, (byte) 0);
        b.put(2, bothEndian32(extent));
        b.put(10, bothEndian32(size));
        b.put(18, new byte[] {(byte) (t.getYear() - 1900), (byte) t.getMonthValue(), (byte) t.getDayOfMonth(),
                (byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(), 0});
        b.put(25, (byte) (dir ? 2 : 0));
        b.put(28, bothEndian16(1));
        b.put(32, (byte) id.length);
        b.put(33, id);
        return b.array();
    }

    /** "YYYYMMDDHHMMSScc" + GMT offset; all '0' digits with offset 0 means "not specified". */
    private static byte[] volumeDate(LocalDateTime t) {
        byte[] out = new byte[17];
        String s = t == null ? "0000000000000000"
                : String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d00", t.getYear(), t.getMonthValue(),
                        t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, out, 0, 16);
        return out;
    }

    /** Space-padded a-characters (primary) or UCS-2 big-endian (Joliet) text of {@code len} bytes. */
    private static byte[] text(String s, int len, boolean joliet) {
        byte[] out = new byte[len];
        if (joliet) {
            for (int i = 0; i + 1 < len; i += 2) {
                out[i] = 0;
                out[i + 1] = ' ';
            }
            byte[] u = s.getBytes(StandardCharsets.UTF_16BE);
            System.arraycopy(u, 0, out, 0, Math.min(u.length, len - len % 2));
            if (len % 2 == 1) {
                out[len - 1] = 0; // odd-sized fields end with a zero byte in Joliet
            }
        } else {
            Arrays.fill(out, (byte) ' ');
            byte[] a = s.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(a, 0, out, 0, Math.min(a.length, len));
        }
        return out;
    }

    private static byte[] bothEndian32(int v) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(0, v);
        b.order(ByteOrder.BIG_ENDIAN).putInt(4, v);
        return b.array();
    }

    private static byte[] bothEndian16(int v) {
        ByteBuffer b = ByteBuffer.allocate(4);
        b.order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) v);
        b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) v);
        return b.array();
    }
}
