package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageListing;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images as the CLI and the TUI share them: one store, the guests that use an image, one error mapping. */
class ImageServiceTest {
    @TempDir Path dir;
    private ImageService images;
    private List<String> users = List.of();

    @BeforeEach
    void setUp() throws IOException {
        images = new ImageService(dir.resolve("images"), Catalog.builtIn(), () -> image -> users);
        put("web-base");
    }

    @Test
    void listsTheStoreWithTheGuestsAskedAtThatMoment() {
        users = List.of("vm/web");
        List<ImageListing> listing = images.list();
        assertEquals(1, listing.size());
        assertEquals("web-base", listing.get(0).image().name());
        assertEquals(List.of("vm/web"), listing.get(0).guests());
        assertEquals(dir.resolve("images"), images.location());
    }

    @Test
    void removalIsRefusedAsAConflictWhileAGuestUsesTheImage() {
        users = List.of("ct/db");
        HyperlabException e = assertThrows(HyperlabException.class, () -> images.remove("web-base"));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertTrue(e.userMessage().contains("ct/db"), e.userMessage());
        assertEquals("web-base", images.info("web-base").name(), "nothing was removed");

        users = List.of();
        images.remove("web-base");
        assertTrue(images.list().isEmpty());
    }

    @Test
    void anUnknownImageIsNotFoundWithTheStoresHint() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> images.info("nope"));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals("image nope not found; try hyperlab image list", e.userMessage());
    }

    @Test
    void everyKindOfImageFailureHasItsCode() {
        Map<ImageException.Kind, ErrorCode> expected = Map.of(
                ImageException.Kind.BAD_INPUT, ErrorCode.BAD_INPUT,
                ImageException.Kind.NOT_FOUND, ErrorCode.NOT_FOUND,
                ImageException.Kind.CONFLICT, ErrorCode.CONFLICT,
                ImageException.Kind.UNAVAILABLE, ErrorCode.UNAVAILABLE,
                ImageException.Kind.FAILED, ErrorCode.OPERATION_FAILED);
        for (ImageException.Kind kind : ImageException.Kind.values()) {
            HyperlabException e = ImageService.mapped(new ImageException(kind, "x failed: y; try z"));
            assertEquals(expected.get(kind), e.code(), kind.name());
            assertEquals("x failed: y; try z", e.userMessage(), "the images module's message already carries the hint");
        }
        assertTrue(ImageService.mapped(ImageException.badInput("bad")).isUsageError(), "bad input is exit code 2");
    }

    private void put(String name) throws IOException {
        ImageStore store = ImageStore.open(dir.resolve("images"));
        try (ImageStore.Staging s = store.staging()) {
            Path f = s.file("disk");
            Files.writeString(f, "disk of " + name);
            store.commit(new ImageStore.NewImage(name, ImageFormat.QCOW2, 1L << 30, "test", Map.of(ImageRecord.DISK, f),
                    Map.of()), false);
        }
    }
}
