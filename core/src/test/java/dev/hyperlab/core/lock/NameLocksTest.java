package dev.hyperlab.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-name file locks: one holder at a time across threads and processes, free when a holder dies. */
class NameLocksTest {
    private static final String HOST = "qemu:///system";
    @TempDir Path dir;

    private NameLocks locks() { return new NameLocks(dir, HOST); }

    @Test
    @DisplayName("a lock one thread holds is busy for every other, and free once closed")
    void heldIsBusyUntilClosed() throws Exception {
        NameLocks locks = locks();
        try (NameLocks.Held h = locks.acquire("vm", "web", Duration.ofSeconds(1))) {
            assertTrue(locks.tryAcquire("vm", "web").isEmpty());
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                assertTrue(other.submit(() -> locks().tryAcquire("vm", "web")).get().isEmpty());
                assertTrue(other.submit(() -> locks().isHeld("vm", "web")).get());
            } finally {
                other.shutdownNow();
            }
            // other names, other kinds and other hosts are other locks
            locks.tryAcquire("vm", "db").orElseThrow().close();
            locks.tryAcquire("ct", "web").orElseThrow().close();
            new NameLocks(dir, "qemu+ssh://other/system").tryAcquire("vm", "web").orElseThrow().close();
        }
        Optional<NameLocks.Held> again = locks.tryAcquire("vm", "web");
        assertTrue(again.isPresent());
        again.get().close();
        again.get().close(); // twice is harmless
    }

    @Test
    @DisplayName("a held lock's file carries hyperlab's label and its holder; it is gone once released")
    void fileIsLabelledWhileHeld() throws Exception {
        NameLocks locks = locks();
        Path f;
        try (NameLocks.Held h = locks.acquire("vm", "web", Duration.ofSeconds(1))) {
            f = h.file();
            String text = Files.readString(f, StandardCharsets.UTF_8);
            assertTrue(text.startsWith(NameLocks.LABEL + "\n"), text);
            assertTrue(text.contains("host=" + HOST) && text.contains("name=web")
                    && text.contains("pid=" + ProcessHandle.current().pid()), text);
            assertTrue(f.startsWith(dir) && f.getParent().getFileName().toString().startsWith("qemu_system-"), f.toString());
        }
        assertFalse(Files.exists(f));
    }

    @Test
    @DisplayName("acquire waits for the holder, then gives up with a CONFLICT that names the holder")
    void acquireGivesUpWithTheHolder() {
        NameLocks locks = locks();
        try (NameLocks.Held h = locks.acquire("vm", "web", Duration.ofSeconds(1))) {
            long t0 = System.nanoTime();
            HyperlabException e = assertThrows(HyperlabException.class,
                    () -> locks.acquire("vm", "web", Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - t0 >= 300_000_000L);
            assertEquals(ErrorCode.CONFLICT, e.code());
            assertTrue(e.getMessage().contains("vm web is busy") && e.getMessage().contains("this process"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a lock another process holds is busy here; killed with -9, it is free and gc removes its file")
    void anotherProcessHoldsUntilItDies() throws Exception {
        Process p = holder("hold", "vm", "web");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("held", out.readLine());
            NameLocks locks = locks();
            assertTrue(locks.tryAcquire("vm", "web").isEmpty());
            assertTrue(NameLocks.removeStale(dir, "", false).isEmpty(), "a held lock is not stale");
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertTrue(Files.exists(locks.file("vm", "web")), "a killed holder leaves its file");
            List<NameLocks.Stale> stale = NameLocks.removeStale(dir, "", false);
            assertEquals(1, stale.size(), stale.toString());
            assertFalse(Files.exists(locks.file("vm", "web")));
            locks.tryAcquire("vm", "web").orElseThrow().close();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    @DisplayName("gc's stale-lock sweep keeps unlabelled files and names outside its prefix")
    void removeStaleKeepsWhatIsNotItsOwn() throws Exception {
        NameLocks locks = locks();
        Files.createDirectories(locks.dir());
        Files.writeString(locks.file("vm", "t-a"), NameLocks.LABEL + "\nname=t-a\n");
        Files.writeString(locks.file("vm", "other"), NameLocks.LABEL + "\nname=other\n");
        Files.writeString(locks.dir().resolve("vm-notes.lock"), "someone else's file\n");
        assertEquals(1, NameLocks.removeStale(dir, "t-", true).size());
        assertTrue(Files.exists(locks.file("vm", "t-a")), "a dry run removes nothing");
        List<NameLocks.Stale> removed = NameLocks.removeStale(dir, "t-", false);
        assertEquals(List.of(new NameLocks.Stale(locks.file("vm", "t-a").toAbsolutePath().normalize(), true)), removed);
        assertTrue(Files.exists(locks.file("vm", "other")));
        assertEquals(1, NameLocks.removeStale(dir, "", false).size());
        assertTrue(Files.exists(locks.dir().resolve("vm-notes.lock")));
    }

    /**
     * Every holder deletes the file before it lets go, so waiting processes keep finding their file
     * gone under them: two other processes and four threads here take one lock 300 times each, and
     * the log written inside the lock never shows two holders at once.
     */
    @Test
    @DisplayName("processes and threads that take one lock in turn never hold it at the same time")
    void oneHolderAtATime() throws Exception {
        Path log = dir.resolve("turns.log");
        List<Process> procs = List.of(holder("churn", "vm", "web", "300", log.toString()),
                holder("churn", "vm", "web", "300", log.toString()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> turns = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                turns.add(pool.submit(() -> {
                    LockHolder.turns(locks(), "vm", "web", false, 300, log);
                    return null;
                }));
            }
            LockHolder.awaitTurns(turns, procs);
        } finally {
            pool.shutdownNow();
            procs.forEach(Process::destroyForcibly);
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals(2 * 6 * 300, lines.size());
        for (int i = 0; i < lines.size(); i += 2) {
            String in = lines.get(i);
            String out = lines.get(i + 1);
            assertTrue(in.startsWith("in ") && out.equals("out " + in.substring(3)),
                    "two holders at once at line " + i + ": " + in + " / " + out);
        }
        assertFalse(Files.exists(locks().file("vm", "web")));
    }

    private Process holder(String mode, String kind, String name, String... more) throws Exception {
        return LockHolder.start(dir, HOST, mode, kind, name, more);
    }
}
