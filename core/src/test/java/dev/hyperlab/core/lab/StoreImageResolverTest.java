package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A create from a broken image stops at the image, in one line, before qemu-img or libvirt see it. */
class StoreImageResolverTest {
    @TempDir Path dir;

    @Test
    @DisplayName("a disk blob truncated to 100 bytes: one line naming the image and the way out")
    void truncatedDiskIsRefusedInOneLine() throws Exception {
        ImageStore store = ImageStore.open(dir);
        Path raw = dir.resolve("disk.qcow2");
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", raw.toString(), "64M")
                .inheritIO().start().waitFor());
        ImageRecord r;
        try (ImageStore.Staging s = store.staging()) {
            Files.move(raw, s.file("disk"));
            r = store.commit(new ImageStore.NewImage("tiny", ImageFormat.QCOW2, 64L << 20, "test",
                    Map.of(ImageRecord.DISK, s.file("disk")), Map.of()), false);
        }
        StoreImageResolver resolver = new StoreImageResolver(store);
        assertEquals(64L << 20, resolver.resolve("tiny").virtualSize());

        long size = Files.size(store.blob(r.sha256()));
        try (RandomAccessFile f = new RandomAccessFile(store.blob(r.sha256()).toFile(), "rw")) {
            f.setLength(100);
        }
        HyperlabException e = assertThrows(HyperlabException.class, () -> resolver.resolve("tiny"));
        assertEquals(ErrorCode.OPERATION_FAILED, e.code());
        assertEquals("image tiny is broken: its disk blob is 100 bytes, the record says " + size + " (truncated or changed); "
                + "try hyperlab image rm tiny, then import or build it again", e.userMessage());
    }

    @Test
    @DisplayName("an unreadable record: one line, no Jackson text")
    void brokenRecordIsRefusedInOneLine() throws Exception {
        ImageStore store = ImageStore.open(dir);
        Files.writeString(dir.resolve("records/tiny.json"), "");
        HyperlabException e = assertThrows(HyperlabException.class, () -> new StoreImageResolver(store).resolve("tiny"));
        assertEquals("image tiny is broken: its record tiny.json is empty; try hyperlab image rm tiny, then import or "
                + "build it again", e.userMessage());
    }
}
