package dev.hyperlab.core.lock;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>A lock file carries a label (first line {@value #LABEL}, then the host, kind, name and pid of
 * its last holder), so that stale files can be told from anything else in the directory.
 */
public final class NameLocks {
    /** The first line of every lock file. */
    public static final String LABEL = "hyperlab-lock v1";
    private static final long POLL_MILLIS = 25;
    /**
     * The lock files this process has open. Java's file locks are POSIX record locks: closing any
     * descriptor of a file drops all of the process's locks on it, so no code here opens a file
     * another thread of this process holds; a claim here comes first.
     */
    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

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
     * Takes the lock, waiting up to {@code wait} while another operation holds it. A CONFLICT error
     * after that says which process held it.
     */
    public Held acquire(String kind, String name, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Held> h = tryAcquire(kind, name);
            if (h.isPresent()) {
                return h.get();
            }
            if (System.nanoTime() > deadline) {
                throw new HyperlabException(ErrorCode.CONFLICT, kind + " " + name + " is busy: another hyperlab operation "
                        + "(" + holder(kind, name) + ") has held its lock for over " + wait.toSeconds() + " s",
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

    /** Takes the lock if nobody holds it; empty when another process or thread does. */
    public Optional<Held> tryAcquire(String kind, String name) {
        Path f = file(kind, name).toAbsolutePath().normalize();
        if (!CLAIMED.add(f)) {
            return Optional.empty(); // another thread of this process holds it
        }
        boolean kept = false;
        try {
            Files.createDirectories(dir);
            // removeStale may delete the file between our open and our lock: we would then hold a lock
            // on a file nobody else sees. So the path must name the same file before the open and after
            // the lock; if not, try again on the file it names now.
            while (true) {
                Object before = fileKey(f);
                FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    ch.close();
                    return Optional.empty();
                }
                if (before == null || !before.equals(fileKey(f)) || openedDeleted(f)) {
                    ch.close(); // releases the lock
                    continue;
                }
                String text = LABEL + "\nhost=" + host + "\nkind=" + kind + "\nname=" + name + "\npid="
                        + ProcessHandle.current().pid() + "\n";
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
                kept = true;
                return Optional.of(new Held(f, ch, lock));
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "taking the lock " + f + " failed: " + e.getMessage(),
                    "try checking permissions on " + dir, e);
        } finally {
            if (!kept) {
                CLAIMED.remove(f);
            }
        }
    }

    /**
     * True when this process has {@code f} open after it was deleted, which with the claim above can
     * only be the channel just locked. Read from {@code /proc/self/fd}'s links, which opens nothing
     * (an open and close of the file would drop the lock). Off Linux, the file-key check alone holds.
     */
    private static boolean openedDeleted(Path f) {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return false;
        }
        String gone = f + " (deleted)";
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : s.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(gone)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile (the listing's own descriptor): not ours
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static Object fileKey(Path f) throws IOException {
        try {
            return Files.readAttributes(f, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
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
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    FileLock lock = ch.tryLock();
                    if (lock == null) {
                        continue; // held: a live operation
                    }
                    if (!dryRun) {
                        Files.deleteIfExists(f);
                    }
                    out.add(new Stale(f, !dryRun));
                }
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

    /** Who held the lock last (pid), for a "busy" message. */
    private String holder(String kind, String name) {
        Path f = file(kind, name).toAbsolutePath().normalize();
        if (!CLAIMED.add(f)) {
            return "pid " + ProcessHandle.current().pid() + ", this process";
        }
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("pid=")).findFirst().map(l -> "pid " + l.substring(4)).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        } finally {
            CLAIMED.remove(f);
        }
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

    /** A held lock; closing it deletes the file and releases the lock. */
    public static final class Held implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        private Held(Path file, FileChannel channel, FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        public Path file() { return file; }

        /** False once closed. */
        public boolean isHeld() { return !closed.get(); }

        @Override public void close() {
            if (!closed.compareAndSet(false, true)) {
                return; // a second close must not drop another thread's claim on the file
            }
            try {
                Files.deleteIfExists(file); // while held: see the class comment
            } catch (IOException ignored) {
                // a file left behind is removed by 'hyperlab gc'
            }
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
            } catch (IOException ignored) {
                // closing the channel releases the lock in any case
            } finally {
                CLAIMED.remove(file);
            }
        }
    }
}
