package dev.hyperlab.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.lab.ImageService;
import dev.hyperlab.images.Progress;
import dev.hyperlab.images.Tools;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.store.Digests;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import dev.hyperlab.tui.host.HostInfoProbe;
import dev.hyperlab.tui.images.DefaultBuild;
import dev.hyperlab.tui.images.StoreImagesBackend;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images view on an 80x24 virtual terminal, over a real image store in a temp dir, the real
 * puller and importer, and an HTTP server on 127.0.0.1 standing in for a distribution's mirror.
 * Only the default-image build is a stand-in (a real one runs mmdebstrap for minutes as root).
 */
class ImagesViewTest {
    @TempDir
    Path dir;

    private ImageStore store;
    private LoopbackFiles mirror;
    private CountDownLatch gate;
    private ScreenHarness screen;
    private final CountDownLatch buildGate = new CountDownLatch(1);
    private final CountDownLatch buildStarted = new CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        store = ImageStore.open(dir.resolve("images"));
        put("alpine-edge", "a".repeat(5000));
        put("web-base", "b".repeat(70_000));
        mirror = new LoopbackFiles();
        byte[] qcow2 = qcow2();
        gate = mirror.putGated("/tiny.qcow2", qcow2);
        mirror.put("/SHA256SUMS", (hex(qcow2) + "  tiny.qcow2\n").getBytes());
        Catalog catalog = new Catalog(List.of(new CatalogEntry("tiny-cloud", "a small test image", mirror.uri("/tiny.qcow2"),
                mirror.uri("/SHA256SUMS"), "SHA-256", "qcow2", "x86_64")));
        DefaultBuild build = (images, progress) -> {
            progress.onProgress(Progress.phase("bootstrap", Duration.ofSeconds(3), "mmdebstrap into the staging area"));
            buildStarted.countDown();
            await(buildGate);
            progress.onProgress(Progress.phase("disk+tar", Duration.ofSeconds(60), "mkfs.ext4 -d and tar"));
            return "debian-12 built: disk /nowhere/disk.qcow2";
        };
        ViewServices services = new ViewServices(new StoreImagesBackend(new ImageService(store.root(), catalog,
                () -> img -> img.name().equals("web-base") ? List.of("vm/web") : List.of()), build),
                new NoCompare());
        screen = new ScreenHarness(MainScreenTest.URI, 80, 24, () -> HostInfoProbe.probe(MainScreenTest.URI, dir),
                dir, services, System::nanoTime);
    }

    @AfterEach
    void tearDown() {
        gate.countDown();
        buildGate.countDown();
        screen.close();
        mirror.close();
    }

    private void put(String name, String content) throws IOException {
        try (ImageStore.Staging s = store.staging()) {
            Path f = s.file("disk");
            Files.writeString(f, content);
            store.commit(new ImageStore.NewImage(name, ImageFormat.QCOW2, 2L << 30, "https://example.org/" + name + ".qcow2",
                    Map.of(ImageRecord.DISK, f), Map.of()), false);
        }
    }

    /** A real qcow2 of 2 MiB of random data, so the download takes more than one read. */
    private byte[] qcow2() throws IOException {
        byte[] raw = new byte[2 << 20];
        new Random(42).nextBytes(raw);
        Path r = Files.write(dir.resolve("src.raw"), raw);
        Path q = dir.resolve("src.qcow2");
        Tools.check("test image", List.of("qemu-img", "convert", "-f", "raw", "-O", "qcow2", r.toString(), q.toString()), 60);
        return Files.readAllBytes(q);
    }

    private static String hex(byte[] b) throws IOException {
        Path tmp = Files.createTempFile("sum", ".bin");
        try {
            return Digests.sha256(Files.write(tmp, b));
        } finally {
            Files.delete(tmp);
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String open() throws InterruptedException {
        screen.awaitText("running"); // the guest list is up
        screen.type("i");
        return screen.awaitText("web-base");
    }

    private List<Path> storeFiles() throws IOException {
        try (Stream<Path> s = Files.walk(store.root())) {
            return s.filter(p -> !p.getFileName().toString().equals(".lock")).sorted().toList();
        }
    }

    @Test
    void listsTheStoreLikeImageListAndEscGoesBack() throws Exception {
        String t = open();
        String[] rows = t.split("\n", -1);
        assertTrue(rows[0].startsWith("Images in " + store.root()), rows[0]);
        assertTrue(rows[0].endsWith("2 images"), rows[0]);
        assertTrue(rows[1].matches("NAME +FORMAT +VIRTUAL +ON DISK +SHA256 +GUESTS +SOURCE"), rows[1]);
        String sha = store.get("web-base").sha256().substring(0, 12);
        assertTrue(t.lines().anyMatch(l -> l.matches("alpine-edge +qcow2 +2\\.0 GiB +\\d+\\.\\d KiB +[0-9a-f]{12} +- +https:.*")), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("web-base +qcow2 +2\\.0 GiB +\\d+\\.\\d KiB +" + sha + " +vm/web +https:.*")), t);
        // the detail lines show the selected image's full source and checksum
        assertTrue(t.contains("alpine-edge  qcow2  created "), t);
        assertTrue(t.contains("source https://example.org/alpine-edge.qcow2"), t);
        assertTrue(t.contains("sha256 " + store.get("alpine-edge").sha256()), t);
        assertTrue(rows[23].startsWith("?:help  Esc:back  b:build  p:pull  i:import  x:rm  r:reload"), rows[23]);
        assertEquals(KeyMap.footer(Context.IMAGES), rows[23].strip());
        screen.type("j");
        screen.awaitText("source https://example.org/web-base.qcow2");
        screen.key(KeyType.Escape);
        String back = screen.awaitNoText("Images in");
        assertTrue(back.contains("KIND NAME"), back);
    }

    @Test
    void aTruncatedBlobIsFlaggedAndAnUnreadableRecordHidesNothing() throws Exception {
        Files.writeString(store.blob(store.get("web-base").sha256()), "cut");
        Files.writeString(store.root().resolve("records/zz-broken.json"), "{\"name\":");
        String t = open();
        assertTrue(t.lines().anyMatch(l -> l.startsWith("web-base") && l.contains("BROKEN")), t);
        assertTrue(t.lines().anyMatch(l -> l.startsWith("alpine-edge") && l.contains("https:")), "the good image stays: " + t);
        screen.key(KeyType.ArrowDown);
        t = screen.awaitText("BROKEN: its disk blob is 3 bytes");
        assertTrue(t.contains("BROKEN: its disk blob is 3 bytes, the record says 70000 (truncated or changed)"), t);
    }

    @Test
    void pullFromTheCatalogShowsAProgressBarAndGoesOnAfterLeavingTheView() throws Exception {
        open();
        screen.type("p");
        String choice = screen.awaitText("tiny-cloud");
        assertTrue(choice.contains("a small test image") && choice.contains(ImagesWindow.URL_CHOICE.substring(0, 20)), choice);
        screen.key(KeyType.Enter);
        assertTrue(mirror.halfSent.await(20, TimeUnit.SECONDS), "the download started");
        // The figures come in the download's own time (a meter event at most every 250 ms, the first
        // before any rate is known): wait for a frame that has them all rather than read one too early.
        String t = screen.await("the download's phase over a progress bar with bytes, rate and ETA",
                s -> s.contains("pull tiny-cloud: download") && s.lines().anyMatch(l -> l.matches(
                        "\\[#+-+\\] +\\d+%  \\d+\\.\\d [KM]iB / \\d+\\.\\d MiB  \\d+\\.\\d [KM]iB/s ETA \\d+m\\d\\ds")));
        assertFalse(t.contains("tiny-cloud  "), "not in the store before it is verified (the rest is held back)");
        screen.key(KeyType.Escape); // leave it running
        screen.awaitText("images: pull tiny-cloud ...");
        gate.countDown();
        screen.awaitText("images: pull tiny-cloud: pulled tiny-cloud (qcow2, 2.0 MiB");
        assertTrue(store.find("tiny-cloud").isPresent());
        screen.type("i");
        // The task's last line and the reloaded table are two redraws: wait for the frame with both.
        screen.await("the pull done and the image in the table, 3 images", back -> back.contains("pull tiny-cloud: done in")
                && back.lines().anyMatch(l -> l.matches("tiny-cloud +qcow2 +2\\.0 MiB .*"))
                && back.split("\n")[0].endsWith("3 images"));
    }

    @Test
    void removeAsksFirstAndIsRefusedWhileAGuestUsesTheImage() throws Exception {
        open();
        screen.type("x");
        screen.awaitText("Remove image alpine-edge?");
        screen.type("n");
        screen.awaitNoText("Remove image alpine-edge?");
        assertTrue(store.find("alpine-edge").isPresent(), "'n' keeps it");
        screen.type("x");
        screen.awaitText("Remove image alpine-edge?");
        screen.type("y");
        screen.awaitText("removed image alpine-edge");
        screen.awaitNoText("alpine-edge ");
        assertTrue(store.find("alpine-edge").isEmpty());

        screen.type("x"); // web-base is now the selection, and vm/web uses it
        screen.awaitText("Remove image web-base?");
        screen.type("y");
        String t = screen.awaitText("Error");
        assertTrue(t.contains("image rm failed: web-base is used by vm/web; try removing those guests"), t);
        screen.key(KeyType.Enter);
        screen.awaitNoText("Error");
        assertTrue(store.find("web-base").isPresent());
    }

    @Test
    void aHostileImportShowsTheErrorAndLeavesTheStoreAsItWas() throws Exception {
        Path evil = dir.resolve("evil.tar");
        Files.write(evil, tarWith("../../etc/cron.d/evil", "* * * * * root sh /tmp/x\n"));
        open();
        List<Path> before = storeFiles();
        screen.type("i");
        screen.awaitText("File to import");
        screen.ctrl('u'); // unbound: must not type a 'u' in front of the path
        screen.enter(evil.toString());
        String t = screen.awaitText("Error");
        String flat = t.replaceAll("[\\s│]+", "");
        assertTrue(flat.contains(("import of " + evil).replace(" ", "")), t);
        assertTrue(flat.contains("'../../etc/cron.d/evil'contains'..'"), "says which entry and why: " + t);
        screen.key(KeyType.Escape);
        screen.awaitText("import " + evil + ": failed after");
        assertEquals(before, storeFiles(), "no record, no blob, no staging left");
        assertFalse(Files.exists(dir.resolve("etc")) || Files.exists(store.root().resolve("etc")));
        assertEquals(2, store.list().size());
    }

    @Test
    void buildStreamsItsPhaseAndElapsedTimeLive() throws Exception {
        open();
        screen.type("b");
        assertTrue(buildStarted.await(10, TimeUnit.SECONDS));
        String t = screen.awaitText("build the default image: bootstrap");
        assertTrue(t.contains("mmdebstrap into the staging area"), t);
        screen.type("p"); // one long operation at a time
        String busy = screen.awaitText("is still running");
        assertTrue(busy.contains("'build the default image' is still running"), busy);
        screen.key(KeyType.Enter);
        screen.awaitNoText("is still running");
        screen.await("the elapsed time ticking", s -> s.contains("build the default image: bootstrap  1s")
                || s.contains("build the default image: bootstrap  2s"));
        buildGate.countDown();
        screen.awaitText("build the default image: done in");
        screen.awaitText("debian-12 built: disk /nowhere/disk.qcow2");
    }

    @Test
    void fitsAndRelayoutsOnResize() throws Exception {
        open();
        screen.terminal.setTerminalSize(new TerminalSize(60, 20));
        String t = screen.await("the narrow layout", s -> s.split("\n", -1)[1].startsWith("NAME")
                && !s.split("\n", -1)[1].contains("SOURCE"));
        assertTrue(t.split("\n", -1)[19].startsWith("?:help"), t);
        screen.terminal.setTerminalSize(new TerminalSize(120, 30));
        screen.await("the wide layout", s -> s.split("\n", -1)[1].contains("SOURCE")
                && s.contains("https://example.org/web-base.qcow2") && s.split("\n", -1)[29].startsWith("?:help"));
    }

    private static byte[] tarWith(String name, String content) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(bos)) {
            byte[] body = content.getBytes();
            TarArchiveEntry e = new TarArchiveEntry(name, true); // keep the "../" as a hostile archive would
            e.setSize(body.length);
            t.putArchiveEntry(e);
            t.write(body);
            t.closeArchiveEntry();
        }
        return bos.toByteArray();
    }
}
