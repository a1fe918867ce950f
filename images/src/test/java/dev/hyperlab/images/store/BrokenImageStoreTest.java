package dev.hyperlab.images.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.images.ImageException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store survives a broken record or blob: the good images stay listed, the broken one is flagged and removable. */
class BrokenImageStoreTest {
    @TempDir Path dir;

    private static ImageRecord put(ImageStore store, String name, String content) throws IOException {
        return ImageStoreTest.put(store, name, content);
    }

    private Path record(String name) { return dir.resolve("records").resolve(name + ".json"); }

    @Test
    @DisplayName("a truncated record is listed as broken beside the good images, in one line without Jackson's text")
    void truncatedRecordIsFlaggedAndTheOthersStayListed() throws IOException {
        ImageStore store = ImageStore.open(dir);
        put(store, "good", "fine");
        put(store, "bad", "also fine");
        byte[] json = Files.readAllBytes(record("bad"));
        Files.write(record("bad"), java.util.Arrays.copyOf(json, json.length / 2));

        ImageStore.Contents c = store.contents();
        assertEquals(List.of("good"), c.images().stream().map(ImageRecord::name).toList());
        assertEquals(1, c.broken().size());
        ImageStore.BrokenRecord b = c.broken().get(0);
        assertEquals("bad", b.name());
        assertTrue(b.reason().startsWith("its record bad.json is not valid JSON"), b.reason());
        assertFalse(b.reason().contains("\n"), b.reason());
        assertEquals(List.of("good"), store.listing(ImageUsage.NONE).stream().map(l -> l.image().name()).toList());
    }

    @Test
    @DisplayName("an empty record is broken, and get() says so in one line with the way out")
    void emptyRecordNamesTheWayOut() throws IOException {
        ImageStore store = ImageStore.open(dir);
        put(store, "bad", "x");
        Files.write(record("bad"), new byte[0]);
        ImageException e = assertThrows(ImageException.class, () -> store.get("bad"));
        assertEquals("image bad is broken: its record bad.json is empty; try hyperlab image rm bad, then import or build"
                + " it again", e.getMessage());
    }

    @Test
    @DisplayName("image rm removes a broken record; its blob goes once no record can claim it")
    void removeDeletesABrokenRecord() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord bad = put(store, "bad", "x");
        put(store, "good", "y");
        Files.writeString(record("bad"), "{\"name\":");
        store.remove("bad", ImageUsage.NONE);
        assertFalse(Files.exists(record("bad")));
        assertEquals(List.of(), store.contents().broken());
        assertFalse(Files.exists(store.blob(bad.sha256())), "the orphaned blob is collected after the broken record is gone");
        assertEquals("y", Files.readString(store.path(store.get("good"), ImageRecord.DISK)));
    }

    @Test
    @DisplayName("a broken record keeps every blob: which ones it pointed at is unknown")
    void brokenRecordStopsBlobCollection() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord bad = put(store, "bad", "x");
        Files.writeString(record("bad"), "{");
        put(store, "other", "y");
        store.remove("other", ImageUsage.NONE);
        assertTrue(Files.exists(store.blob(bad.sha256())));
    }

    @Test
    @DisplayName("a blob truncated after import is flagged in the listing, without hashing it")
    void truncatedBlobIsFlagged() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord r = put(store, "img", "0123456789");
        assertEquals(Map.of(ImageRecord.DISK, 10L), r.sizes());
        truncate(store.blob(r.sha256()), 4);
        ImageListing l = store.listing(ImageUsage.NONE).get(0);
        assertTrue(l.broken());
        assertEquals("its disk blob is 4 bytes, the record says 10 (truncated or changed)", l.problem());
        ImageException e = assertThrows(ImageException.class, () -> store.requireWhole(store.get("img")));
        assertEquals("image img is broken: its disk blob is 4 bytes, the record says 10 (truncated or changed); "
                + "try hyperlab image rm img, then import or build it again", e.getMessage());
    }

    @Test
    @DisplayName("a missing blob is flagged")
    void missingBlobIsFlagged() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord r = put(store, "img", "abc");
        Files.delete(store.blob(r.sha256()));
        assertEquals(Optional.of("its disk blob " + r.sha256().substring(0, 12) + " is missing"), store.problem(r, false));
    }

    @Test
    @DisplayName("a blob changed in place keeps its size: only the deep check (its digest) finds it")
    void deepCheckFindsAFlippedByte() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord r = put(store, "img", "abcdef");
        Files.writeString(store.blob(r.sha256()), "abcdeF");
        assertEquals(Optional.empty(), store.problem(r, false));
        String deep = store.problem(r, true).orElseThrow();
        assertTrue(deep.startsWith("its disk blob's sha256 is ") && deep.endsWith(" (corrupt)"), deep);
        assertEquals(Optional.empty(), store.problem(put(store, "whole", "ok"), true));
    }

    @Test
    @DisplayName("a record written before sizes were kept: a disk blob must still hold a whole qcow2 header")
    void legacyRecordFallsBackToTheQcow2Header() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord r = put(store, "old", "not a qcow2 at all, just text");
        ImageRecord legacy = new ImageRecord(r.name(), r.format(), r.virtualSize(), r.diskSize(), r.source(), r.sha256(),
                r.created(), r.artifacts(), r.labels());
        assertEquals(Optional.of("its disk blob is not a whole qcow2 (its qcow2 header is truncated (29 bytes))"),
                store.problem(legacy, false));
    }

    @Test
    @DisplayName("records written before sizes were kept still read (no 'sizes' field)")
    void recordWithoutSizesReads() throws IOException {
        ImageStore store = ImageStore.open(dir);
        ImageRecord r = put(store, "old", "x");
        String json = Files.readString(record("old")).replaceAll(",\\s*\"sizes\"\\s*:\\s*\\{[^}]*\\}", "");
        assertFalse(json.contains("sizes"), json);
        Files.writeString(record("old"), json);
        assertEquals(Map.of(), store.get("old").sizes());
        assertEquals(r.sha256(), store.get("old").sha256());
    }

    private static void truncate(Path f, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(length);
        }
    }
}
