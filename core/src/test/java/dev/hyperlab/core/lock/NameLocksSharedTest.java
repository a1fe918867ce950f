package dev.hyperlab.core.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared mode of the per-name locks (a template's clones are made side by side): sharers hold a
 * lock at once, threads and processes alike; an exclusive holder waits for them all and they for
 * it; the last sharer of all deletes the file, and gc never deletes a file someone shares.
 */
class NameLocksSharedTest {
    private static final String HOST = "qemu:///system";
    @TempDir Path dir;
    private final List<Process> children = new ArrayList<>();
    private final ExecutorService other = Executors.newCachedThreadPool();

    private NameLocks locks() { return new NameLocks(dir, HOST); }

    @AfterEach void stop() {
        children.forEach(Process::destroyForcibly);
        other.shutdownNow();
    }

    @Test
    @DisplayName("two threads hold a lock shared at once; an exclusive try fails while either does, and succeeds once both let go")
    void threadsShare() throws Exception {
        NameLocks locks = locks();
        NameLocks.Held mine = locks.tryAcquireShared("template", "deb").orElseThrow();
        NameLocks.Held theirs = other.submit(() -> locks().tryAcquireShared("template", "deb")).get().orElseThrow();
        assertTrue(mine.shared() && theirs.shared());
        assertTrue(locks.tryAcquire("template", "deb").isEmpty());
        assertTrue(other.submit(() -> locks().tryAcquire("template", "deb")).get().isEmpty());
        assertTrue(locks.isHeld("template", "deb"));
        String text = Files.readString(mine.file(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith(NameLocks.LABEL + "\n") && text.contains("mode=shared\n"), text);
        mine.close();
        mine.close(); // twice is harmless: it does not let go of the other thread's share
        assertTrue(locks.tryAcquire("template", "deb").isEmpty(), "the other thread still shares it");
        theirs.close();
        assertFalse(Files.exists(locks.file("template", "deb")), "the last sharer deletes the file");
        locks.tryAcquire("template", "deb").orElseThrow().close();
    }

    @Test
    @DisplayName("the threads of one process that share a lock share one descriptor of its file")
    void oneDescriptorPerProcess() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux's /proc shows the open descriptors");
        NameLocks locks = locks();
        List<NameLocks.Held> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(other.submit(() -> locks().tryAcquireShared("template", "deb")).get().orElseThrow());
        }
        assertEquals(1, descriptorsOf(locks.file("template", "deb")));
        held.forEach(NameLocks.Held::close);
        assertEquals(0, descriptorsOf(locks.file("template", "deb")));
    }

    @Test
    @DisplayName("a lock this process holds exclusively cannot be shared, and one it shares cannot be taken exclusively; "
            + "the CONFLICT says how it is held")
    void exclusiveAndSharedExcludeEachOther() throws Exception {
        NameLocks locks = locks();
        try (NameLocks.Held h = locks.acquire("template", "deb", Duration.ofSeconds(1))) {
            assertFalse(h.shared());
            assertTrue(locks.tryAcquireShared("template", "deb").isEmpty());
            assertTrue(other.submit(() -> locks().tryAcquireShared("template", "deb")).get().isEmpty());
            HyperlabException e = assertThrows(HyperlabException.class,
                    () -> locks.acquireShared("template", "deb", Duration.ofMillis(100)));
            assertEquals(ErrorCode.CONFLICT, e.code());
            assertTrue(e.getMessage().contains("template deb is busy") && e.getMessage().contains("exclusively (pid "
                    + ProcessHandle.current().pid() + ", this process)"), e.getMessage());
        }
        try (NameLocks.Held h = locks.acquireShared("template", "deb", Duration.ofSeconds(1))) {
            HyperlabException e = assertThrows(HyperlabException.class,
                    () -> locks.acquire("template", "deb", Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("shared (pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        locks.tryAcquire("template", "deb").orElseThrow().close();
    }

    @Test
    @DisplayName("a lock another process shares can be shared here but not taken exclusively; the last of both to let go "
            + "deletes the file")
    void processesShare() throws Exception {
        Process child = hold("hold-shared");
        NameLocks locks = locks();
        Path f = locks.file("template", "deb");
        NameLocks.Held mine = locks.tryAcquireShared("template", "deb").orElseThrow();
        assertTrue(locks.tryAcquire("template", "deb").isEmpty());
        mine.close();
        assertTrue(Files.exists(f), "the other process still shares it: its file stays");
        HyperlabException e = assertThrows(HyperlabException.class, () -> locks.acquire("template", "deb", Duration.ofMillis(100)));
        assertTrue(e.getMessage().contains("shared (pid " + child.pid() + " and maybe others)"), e.getMessage());
        assertTrue(NameLocks.removeStale(dir, "", false).isEmpty(), "a shared lock is not stale");
        assertTrue(Files.exists(f));
        letGo(child); // the last sharer
        assertFalse(Files.exists(f), "the last sharer of all deletes the file");
        locks.tryAcquire("template", "deb").orElseThrow().close();
    }

    @Test
    @DisplayName("a sharer killed with -9 leaves the lock free; its file is deleted by the next last sharer, or by gc")
    void aKilledSharerLeavesTheLockFree() throws Exception {
        NameLocks locks = locks();
        Path f = locks.file("template", "deb");
        Process child = hold("hold-shared");
        NameLocks.Held mine = locks.tryAcquireShared("template", "deb").orElseThrow();
        kill(child);
        assertTrue(locks.tryAcquire("template", "deb").isEmpty(), "this process still shares it");
        mine.close();
        assertFalse(Files.exists(f), "no one else shares it now: the last sharer here deletes the file");

        kill(hold("hold-shared"));
        assertTrue(Files.exists(f), "a killed sharer leaves its file");
        List<NameLocks.Stale> stale = NameLocks.removeStale(dir, "", false);
        assertEquals(List.of(new NameLocks.Stale(f.toAbsolutePath().normalize(), true)), stale);
        locks.tryAcquire("template", "deb").orElseThrow().close();
    }

    @Test
    @DisplayName("a sharer labels the file a killed exclusive holder left as shared by it, and keeps another sharer's label")
    void sharersRelabelWhatAKilledHolderLeft() throws Exception {
        NameLocks locks = locks();
        Path f = locks.file("template", "deb");
        Process child = hold("hold");
        kill(child);
        assertTrue(Files.readString(f).contains("mode=exclusive\npid=" + child.pid() + "\n"));
        String me = "mode=shared\npid=" + ProcessHandle.current().pid() + "\n";
        try (NameLocks.Held h = locks.acquireShared("template", "deb", Duration.ofSeconds(1))) {
            String text = Files.readString(f);
            assertTrue(text.startsWith(NameLocks.LABEL + "\n") && text.endsWith(me), text);
        }
        Process sharer = hold("hold-shared");
        try (NameLocks.Held h = locks.acquireShared("template", "deb", Duration.ofSeconds(1))) {
            assertTrue(Files.readString(f).endsWith("mode=shared\npid=" + sharer.pid() + "\n"), "the first sharer's");
        }
        letGo(sharer);
        assertFalse(Files.exists(f));
    }

    @Test
    @DisplayName("gc removes a labelled lock file nobody holds, never one this process or another shares")
    void gcNeverRemovesASharedLock() throws Exception {
        NameLocks locks = locks();
        try (NameLocks.Held h = locks.acquireShared("template", "deb", Duration.ofSeconds(1))) {
            Files.writeString(locks.file("template", "old"), NameLocks.LABEL + "\nname=old\n");
            assertEquals(List.of(locks.file("template", "old").toAbsolutePath().normalize()),
                    NameLocks.removeStale(dir, "", false).stream().map(NameLocks.Stale::file).toList());
            assertTrue(Files.exists(h.file()), "shared here");
        }
        Process child = hold("hold-shared");
        assertTrue(NameLocks.removeStale(dir, "", false).isEmpty());
        assertTrue(Files.exists(locks.file("template", "deb")), "shared by another process");
        letGo(child);
    }

    /**
     * Sharers letting go delete the file under waiting lockers, as exclusive holders do: two other
     * processes (one sharing, one exclusive) and four threads here (two of each) take one lock 200
     * times each, and the log written inside the lock never shows an exclusive holder beside anyone.
     */
    @Test
    @DisplayName("an exclusive holder is never inside with anyone else, however sharers and exclusive holders interleave")
    void exclusiveIsAlone() throws Exception {
        Path log = dir.resolve("turns.log");
        children.add(LockHolder.start(dir, HOST, "churn-shared", "template", "deb", "200", log.toString()));
        children.add(LockHolder.start(dir, HOST, "churn", "template", "deb", "200", log.toString()));
        List<Future<?>> turns = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            boolean shared = t % 2 == 0;
            turns.add(other.submit(() -> {
                LockHolder.turns(locks(), "template", "deb", shared, 200, log);
                return null;
            }));
        }
        LockHolder.awaitTurns(turns, children);
        List<String> lines = Files.readAllLines(log);
        assertEquals(2 * 6 * 200, lines.size());
        Map<String, Boolean> inside = new HashMap<>(); // holder -> exclusive
        for (int i = 0; i < lines.size(); i++) {
            String[] l = lines.get(i).split(" ");
            switch (l[0]) {
                case "in", "sin" -> {
                    boolean exclusive = l[0].equals("in");
                    assertTrue(exclusive ? inside.isEmpty() : !inside.containsValue(true),
                            "line " + i + ": " + lines.get(i) + " while inside: " + inside);
                    inside.put(l[1], exclusive);
                }
                default -> assertTrue(inside.remove(l[1]) != null, "line " + i + ": " + lines.get(i));
            }
        }
        assertFalse(Files.exists(locks().file("template", "deb")));
    }

    /** Another process holding the lock of template deb (mode hold or hold-shared), once it says so. */
    private Process hold(String mode) throws Exception {
        Process p = LockHolder.start(dir, HOST, mode, "template", "deb");
        children.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", out.readLine(), () -> stderrOfKilled(p));
        return p;
    }

    /** The holder lets go (its stdin closed) and ends. */
    private static void letGo(Process p) throws IOException, InterruptedException {
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    }

    private static String stderrOfKilled(Process p) {
        p.destroyForcibly(); // so that reading its stderr ends
        try {
            return new String(p.getErrorStream().readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** How many of this process's descriptors have {@code f} open. */
    private static long descriptorsOf(Path f) throws IOException {
        Path target = f.toAbsolutePath().normalize();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }).count();
        }
    }
}
