package dev.hyperlab.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor checks each image of the store: blob sizes always, digests with --deep. */
class ImageStoreChecksTest {
    @TempDir Path dir;

    private ImageRecord put(ImageStore store, String name, String content) throws IOException {
        try (ImageStore.Staging s = store.staging()) {
            Path f = s.file("rootfs");
            Files.writeString(f, content);
            return store.commit(new ImageStore.NewImage(name, ImageFormat.ROOTFS_TAR, 10, "test",
                    Map.of(ImageRecord.ROOTFS, f), Map.of()), false);
        }
    }

    @Test
    @DisplayName("a whole image, a truncated blob, a flipped byte (only --deep) and a broken record")
    void oneCheckPerImage() throws IOException {
        Path images = dir.resolve("images");
        ImageStore store = ImageStore.open(images);
        put(store, "good", "good bytes");
        ImageRecord cut = put(store, "cut", "0123456789");
        Files.writeString(store.blob(cut.sha256()), "0123");
        ImageRecord flipped = put(store, "flipped", "abcdef");
        Files.writeString(store.blob(flipped.sha256()), "abcdeF");
        put(store, "unreadable", "x");
        Files.writeString(images.resolve("records/unreadable.json"), "{\"name\": \"unr");

        List<Check> quick = ImageStoreChecks.of(images, false);
        assertEquals(List.of(
                Check.fail("image cut", "its rootfs blob is 4 bytes, the record says 10 (truncated or changed)",
                        "hyperlab image rm cut, then import or build it again"),
                Check.ok("image flipped", "1 blobs whole (sizes checked; --deep also checks digests)"),
                Check.ok("image good", "1 blobs whole (sizes checked; --deep also checks digests)"),
                Check.fail("image unreadable", quick.get(3).detail(), "hyperlab image rm unreadable, then import or build it again")),
                quick);
        assertFalse(quick.get(3).detail().contains("\n"));

        List<Check> deep = ImageStoreChecks.of(images, true);
        assertEquals(CheckStatus.FAIL, deep.get(1).status(), deep.get(1).toString());
        assertEquals(CheckStatus.OK, deep.get(2).status());
        assertEquals("1 blobs whole (sizes and digests checked)", deep.get(2).detail());
    }

    @Test
    @DisplayName("doctor does not create a store that is not there")
    void noStoreIsNotCreated() {
        assertEquals(List.of(Check.ok("images", "no image store yet at " + dir.resolve("none"))),
                ImageStoreChecks.of(dir.resolve("none"), true));
        assertFalse(Files.exists(dir.resolve("none")));
    }
}
