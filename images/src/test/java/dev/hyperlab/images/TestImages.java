package dev.hyperlab.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Generates small real images and archives for tests (qemu-img for qcow2; Commons Compress for tars). */
public final class TestImages {
    private TestImages() {}

    /** A 1 MiB raw disk with an MBR signature and some data. */
    public static byte[] rawDisk() {
        byte[] b = new byte[1 << 20];
        b[510] = 0x55;
        b[511] = (byte) 0xaa;
        for (int i = 4096; i < 8192; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** A real qcow2 made by qemu-img from {@link #rawDisk()}. */
    public static Path qcow2(Path dir, String name) throws IOException {
        Path raw = dir.resolve(name + ".raw");
        Files.write(raw, rawDisk());
        Path q = dir.resolve(name);
        Tools.check("test", List.of("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), q.toString()), 60);
        Files.delete(raw);
        return q;
    }

    /** One tar entry to generate. */
    public record E(String name, char type, byte[] content, String link) {
        public static E file(String name, String content) { return new E(name, '0', content.getBytes(StandardCharsets.UTF_8), null); }
        public static E file(String name, byte[] content) { return new E(name, '0', content, null); }
        public static E dir(String name) { return new E(name, '5', null, null); }
        public static E symlink(String name, String target) { return new E(name, '2', null, target); }
        public static E hardlink(String name, String target) { return new E(name, '1', null, target); }
        public static E chardev(String name) { return new E(name, '3', null, null); }
    }

    public static byte[] tar(E... entries) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bos)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (E e : entries) {
                TarArchiveEntry te = new TarArchiveEntry(e.name(), (byte) e.type(), true);
                if (e.link() != null) {
                    te.setLinkName(e.link());
                }
                byte[] body = e.content() == null ? new byte[0] : e.content();
                te.setSize(body.length);
                te.setMode(e.type() == '5' ? 040755 : 0100644);
                if (e.type() == '3') {
                    te.setDevMajor(1);
                    te.setDevMinor(3);
                    te.setMode(020666);
                }
                t.putArchiveEntry(te);
                t.write(body);
                t.closeArchiveEntry();
            }
        }
        return bos.toByteArray();
    }

    public static void write(OutputStream out, byte[] b) throws IOException {
        out.write(b);
    }
}
