package dev.hyperlab.images.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.images.ImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
    @TempDir Path dir;

    static ImageRecord put(ImageStore store, String name, String content) throws IOException {
        try (ImageStore.Staging s = store.staging()) {
            Path f = s.file("disk");
            Files.writeString(f, content);
            return store.commit(new ImageStore.NewImage(name, ImageFormat.QCOW2, 1234, "test", Map.of(ImageRecord.DISK, f),
                    Map.of("k", "v")), false);
        }
    }

    @Test
    void commitMovesIntoContentAddressedBlobAndRecords() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord r = put(store, "a", "hello");
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", r.sha256());
        assertEquals("hello", Files.readString(store.path(r, ImageRecord.DISK)));
        assertEquals(r, store.get("a"));
        assertEquals(List.of(r), store.list());
        assertEquals("v", store.get("a").labels().get("k"));
        assertEquals(List.of(), files(dir.resolve("tmp")), "staging cleaned up");
    }

    @Test
    void existingNameIsAConflictAndChangesNothing() throws IOException {
        ImageStore store = ImageStore.open(dir);
        put(store, "a", "one");
        List<Path> before = files(dir);
        ImageException e = assertThrows(ImageException.class, () -> put(store, "a", "two"));
        assertEquals(ImageException.Kind.CONFLICT, e.kind());
        assertEquals(before, files(dir));
        assertEquals("one", Files.readString(store.path(store.get("a"), ImageRecord.DISK)));
    }

    @Test
    void sameContentIsStoredOnce() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord a = put(store, "a", "same");
        ImageRecord b = put(store, "b", "same");
        assertEquals(a.sha256(), b.sha256());
        store.remove("a", ImageUsage.NONE);
        assertTrue(Files.exists(store.path(b, ImageRecord.DISK)), "blob still used by b");
        store.remove("b", ImageUsage.NONE);
        assertEquals(List.of(), files(dir.resolve("blobs")));
    }

    @Test
    void removeRefusesWhileAGuestUsesTheImage() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord r = put(store, "a", "x");
        ImageException e = assertThrows(ImageException.class, () -> store.remove("a", img -> List.of("vm1", "ct2")));
        assertEquals(ImageException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("vm1, ct2"), e.getMessage());
        assertTrue(Files.exists(store.path(r, ImageRecord.DISK)));
        assertEquals(1, store.list().size());
    }

    @Test
    void listingHasDiskBytesAndTheGuestsOfEachImage() throws IOException {
        ImageStore store = ImageStore.open(dir);
        put(store, "a", "x".repeat(10_000));
        put(store, "b", "y");
        List<ImageListing> l = store.listing(img -> img.name().equals("a") ? List.of("vm/web") : List.of());
        assertEquals(List.of("a", "b"), l.stream().map(x -> x.image().name()).toList());
        assertEquals(List.of("vm/web"), l.get(0).guests());
        assertEquals(List.of(), l.get(1).guests());
        assertTrue(l.get(0).diskBytes() >= 10_000, "allocated bytes of the blob: " + l.get(0).diskBytes());
        assertEquals(l.get(0).image().sha256().substring(0, 12), l.get(0).shortSha());
    }

    @Test
    void removeUnknownIsNotFound() {
        ImageStore store = ImageStore.open(dir);
        ImageException e = assertThrows(ImageException.class, () -> store.remove("nope", ImageUsage.NONE));
        assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void badNamesAreRejectedBeforeWriting() throws IOException {
        ImageStore store = ImageStore.open(dir);
        for (String bad : new String[] {"../x", "A", "", "a/b", ".hidden", "x".repeat(64)}) {
            ImageException e = assertThrows(ImageException.class, () -> put(store, bad, "c"), bad);
            assertEquals(ImageException.Kind.BAD_INPUT, e.kind());
        }
        assertEquals(List.of(), files(dir.resolve("blobs")));
        assertEquals(List.of(), files(dir.resolve("records")));
    }

    @Test
    void replaceCollectsTheOldBlob() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord old = put(store, "a", "v1");
        try (ImageStore.Staging s = store.staging()) {
            Path f = s.file("disk");
            Files.writeString(f, "v2");
            store.commit(new ImageStore.NewImage("a", ImageFormat.QCOW2, 1, "t", Map.of(ImageRecord.DISK, f), null), true);
        }
        assertFalse(Files.exists(store.blob(old.sha256())));
        assertEquals("v2", Files.readString(store.path(store.get("a"), ImageRecord.DISK)));
    }

    @Test
    void replacingAnImageInUseKeepsTheOldVersionUnderARetiredName() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord old = put(store, "base", "v1");
        try (ImageStore.Staging s = store.staging()) {
            Path f = s.file("disk");
            Files.writeString(f, "v2");
            store.commit(new ImageStore.NewImage("base", ImageFormat.QCOW2, 1, "t", Map.of(ImageRecord.DISK, f), null), true,
                    img -> img.sha256().equals(old.sha256()) ? List.of("vm1") : List.of());
        }
        assertEquals("v2", Files.readString(store.path(store.get("base"), ImageRecord.DISK)));
        ImageRecord retired = store.get(ImageStore.retiredName(old));
        assertEquals("v1", Files.readString(store.path(retired, ImageRecord.DISK)), "vm1's backing file is still there");
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).sorted().toList();
        }
    }
}
