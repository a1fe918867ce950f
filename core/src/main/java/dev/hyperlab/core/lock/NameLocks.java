package dev.hyperlab.core.lock;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One lock per guest name and host: a file {@code locks/HOST/KIND-NAME.lock} under hyperlab's data
 * directory, held with an OS file lock ({@code flock}/{@code fcntl}) from the check that a name is
 * free until the guest is defined, and around every remove. The OS releases it when the process
 * dies (kill -9 included), so a crashed create never leaves a name locked. A holder deletes the
 * file before it lets go, so files exist only while held; one a crashed process left is removed by
 * {@link #removeStale}. Deleting a file others may have open is safe: whoever locks a file checks
 * afterwards that its path still names that file, and tries again on a fresh one if not.
 *
 * <p>Threads of one process exclude each other as processes do: a lock this process holds counts
 * as held for its other threads too.
 *
 * <p>A lock is taken exclusively ({@link #acquire}) or shared ({@link #acquireShared}): shared
 * holders, threads and processes alike, hold it at once, and an exclusive one waits for them all
 * (a template's clones are made side by side; its removal waits for them). The OS lock is then a
 * shared one, and this process's threads share its one descriptor ({@link SharedLocks}). The last
 * shared holder of a process deletes the file only when it can lock it exclusively at that moment,
 * i.e. when no other process holds it shared; otherwise the other process's last holder does.
 *
 * <p>A lock file carries a label (first line {@value #LABEL}, then the host, kind, name, mode and
 * pid of its holder: for a shared lock, of the sharer who made the file), so that stale files can
 * be told from anything else in the directory.
 */
public final class NameLocks {
    /** The first line of every lock file. */
    public static final String LABEL = "hyperlab-lock v1";
    private static final long POLL_MILLIS = 25;
    /**
     * The lock files this process has open. Java's file locks are POSIX record locks: closing any
     * descriptor of a file drops all of the process's locks on it, so no code here opens a file
     * another thread of this process holds; a claim here comes first. A file held shared is claimed
     * once for all its holders in this process.
     */
    static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final String host;

    /**
     * @param locksDir the root of the lock files ({@code DATA/locks})
     * @param host     what the names live on: a libvirt URI, a container engine's socket
     */
    public NameLocks(Path locksDir, String host) {
        this.host = host;
        this.dir = locksDir.resolve(hostKey(host));
    }

    /** The directory of this host's lock files. */
    public Path dir() { return dir; }

    public String host() { return host; }

    /** The lock file of one guest name. */
    public Path file(String kind, String name) {
        return dir.resolve(kind + "-" + name + ".lock");
    }

    /**
     * Takes the lock exclusively, waiting up to {@code wait} while another operation holds it
     * (exclusively or shared). A CONFLICT error after that says which process held it, and how.
     */
    public Held acquire(String kind, String name, Duration wait) {
        return await(kind, name, wait, false);
    }

    /**
     * Takes the lock shared with other shared holders, waiting up to {@code wait} while an operation
     * holds it exclusively. A CONFLICT error after that says which process held it.
     */
    public Held acquireShared(String kind, String name, Duration wait) {
        return await(kind, name, wait, true);
    }

    private Held await(String kind, String name, Duration wait, boolean shared) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Held> h = shared ? tryAcquireShared(kind, name) : tryAcquire(kind, name);
            if (h.isPresent()) {
                return h.get();
            }
            if (System.nanoTime() > deadline) {
                throw new HyperlabException(ErrorCode.CONFLICT, kind + " " + name + " is busy: another hyperlab operation "
                        + "has held its lock " + holder(kind, name) + " for over " + wait.toSeconds() + " s",
                        "try again when it is done, or look for a hung 'hyperlab' process");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HyperlabException(ErrorCode.CANCELLED, "waiting for the lock of " + kind + " " + name
                        + " interrupted", null, e);
            }
        }
    }

    /** Takes the lock exclusively if nobody holds it; empty when another process or thread does. */
    public Optional<Held> tryAcquire(String kind, String name) {
        Path f = path(kind, name);
        if (!CLAIMED.add(f)) {
            return Optional.empty(); // another thread of this process holds it
        }
        boolean kept = false;
        try {
            Optional<LockFile> locked = LockFile.open(f, false);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            LockFile l = locked.get();
            try {
                l.label(label(kind, name, "exclusive"));
            } catch (IOException e) {
                l.deleteAndClose();
                throw e;
            }
            kept = true;
            return Optional.of(new Held(f, false, () -> {
                try {
                    l.deleteAndClose(); // while held: see the class comment
                } finally {
                    CLAIMED.remove(f);
                }
            }));
        } catch (IOException e) {
            throw failed(f, e);
        } finally {
            if (!kept) {
                CLAIMED.remove(f);
            }
        }
    }

    /**
     * Takes the lock shared if nobody holds it exclusively; empty when another process or thread
     * does. Other shared holders, here or in other processes, do not keep it.
     */
    public Optional<Held> tryAcquireShared(String kind, String name) {
        Path f = path(kind, name);
        try {
            return SharedLocks.tryAcquire(f, label(kind, name, "shared"));
        } catch (IOException e) {
            throw failed(f, e);
        }
    }

    private Path path(String kind, String name) {
        return file(kind, name).toAbsolutePath().normalize();
    }

    private String label(String kind, String name, String mode) {
        return LABEL + "\nhost=" + host + "\nkind=" + kind + "\nname=" + name + "\nmode=" + mode + "\npid="
                + ProcessHandle.current().pid() + "\n";
    }

    private HyperlabException failed(Path f, IOException e) {
        return new HyperlabException(ErrorCode.OPERATION_FAILED, "taking the lock " + f + " failed: " + e.getMessage(),
                "try checking permissions on " + dir, e);
    }

    /** True when another operation holds the lock of this name now. */
    public boolean isHeld(String kind, String name) {
        if (!Files.exists(file(kind, name))) {
            return false;
        }
        Optional<Held> h = tryAcquire(kind, name);
        h.ifPresent(Held::close);
        return h.isEmpty();
    }

    /** A lock file nobody held when {@link #removeStale} looked, and whether it was deleted. */
    public record Stale(Path file, boolean removed) {}

    /**
     * Deletes the labelled lock files of every host that nobody holds (each while holding it, so a
     * create that opened the file meanwhile retries on a fresh one). Files without the label are left.
     * With a {@code namePrefix}, only the locks of names that start with it.
     */
    public static List<Stale> removeStale(Path locksDir, String namePrefix, boolean dryRun) {
        List<Stale> out = new ArrayList<>();
        if (!Files.isDirectory(locksDir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(locksDir, 2)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p)
                    && nameOf(p).startsWith(namePrefix)).sorted().toList();
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "listing " + locksDir + " failed: " + e.getMessage(),
                    null, e);
        }
        for (Path file : files) {
            Path f = file.toAbsolutePath().normalize();
            if (!CLAIMED.add(f)) {
                continue; // held by this process
            }
            try {
                // Read and opened only while claimed: closing any descriptor of a file drops the
                // process's fcntl locks on it, which would free a lock another thread holds.
                if (!labelled(f)) {
                    continue;
                }
                Optional<LockFile> locked = LockFile.lockExisting(f);
                if (locked.isEmpty()) {
                    continue; // held (exclusively or shared): a live operation; or made again meanwhile
                }
                if (dryRun) {
                    locked.get().close();
                } else {
                    locked.get().deleteAndClose();
                }
                out.add(new Stale(f, !dryRun));
            } catch (NoSuchFileException e) {
                // removed by another gc meanwhile
            } catch (IOException e) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "removing stale lock " + f + " failed: "
                        + e.getMessage(), "try `rm " + f + "`", e);
            } finally {
                CLAIMED.remove(f);
            }
        }
        try (Stream<Path> s = Files.list(locksDir)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                try (Stream<Path> in = Files.list(d)) {
                    if (in.findAny().isEmpty() && !dryRun) {
                        Files.deleteIfExists(d);
                    }
                } catch (IOException ignored) {
                    // not empty after all (a lock was just taken): keep it
                }
            }
        } catch (IOException ignored) {
            // the files are gone; an empty directory left over is harmless
        }
        return out;
    }

    /** The guest name in a lock file's name ("vm-web.lock" is web's). */
    private static String nameOf(Path lockFile) {
        String f = lockFile.getFileName().toString();
        String base = f.substring(0, f.length() - ".lock".length());
        int dash = base.indexOf('-');
        return dash < 0 ? base : base.substring(dash + 1);
    }

    private static boolean labelled(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8).startsWith(LABEL + "\n");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * How and by whom the lock is held, for a "busy" message: "exclusively (pid N)", or "shared (pid
     * N and maybe others)", N being the sharer who labelled the file, who may have let go since.
     */
    private String holder(String kind, String name) {
        Path f = path(kind, name);
        if (!CLAIMED.add(f)) {
            return (SharedLocks.heldHere(f) ? "shared" : "exclusively") + " (pid " + ProcessHandle.current().pid()
                    + ", this process)";
        }
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            String pid = value(lines, "pid=").map(p -> "pid " + p).orElse("pid unknown");
            return switch (value(lines, "mode=").orElse("")) {
                case "shared" -> "shared (" + pid + " and maybe others)";
                case "exclusive" -> "exclusively (" + pid + ")";
                default -> "(" + pid + ")";
            };
        } catch (IOException e) {
            return "(pid unknown)";
        } finally {
            CLAIMED.remove(f);
        }
    }

    private static Optional<String> value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(key.length()));
    }

    /**
     * The directory name for a host: its URI made safe for a file name, with a short hash so that
     * two URIs that read the same once made safe still differ.
     */
    static String hostKey(String host) {
        String safe = host.replaceAll("[^A-Za-z0-9.-]+", "_").replaceAll("^_+|_+$", "");
        if (safe.length() > 40) {
            safe = safe.substring(0, 40);
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(host.getBytes(StandardCharsets.UTF_8));
            return (safe.isEmpty() ? "host" : safe) + "-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A held lock, exclusive or shared. Closing an exclusive one deletes the file and releases the
     * lock; closing a shared one lets go of this holder's share (see {@link SharedLocks}).
     */
    public static final class Held implements AutoCloseable {
        private final Path file;
        private final boolean shared;
        private final Runnable release;
        private final AtomicBoolean closed = new AtomicBoolean();

        Held(Path file, boolean shared, Runnable release) {
            this.file = file;
            this.shared = shared;
            this.release = release;
        }

        public Path file() { return file; }

        /** True for a lock taken with {@link #acquireShared} or {@link #tryAcquireShared}. */
        public boolean shared() { return shared; }

        /** False once closed. */
        public boolean isHeld() { return !closed.get(); }

        @Override public void close() {
            if (closed.compareAndSet(false, true)) {
                release.run(); // once: a second close must not drop another holder's claim or share
            }
        }
    }
}
