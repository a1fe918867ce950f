package dev.hyperlab.core.lock;

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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One lock file this process has open and locked, exclusive or shared, and the checks that it is
 * still the file its path names. Only ever made for a path in {@link NameLocks}' claim set, so its
 * channel is the process's one descriptor of that file.
 */
final class LockFile {
    private final Path file;
    private final FileChannel channel;
    private final Object key;
    private FileLock lock;

    private LockFile(Path file, FileChannel channel, FileLock lock, Object key) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.key = key;
    }

    /**
     * Opens (creating it) and locks {@code f}; empty when another process holds a conflicting lock.
     * Another process (a holder letting go, or gc) may delete the file between our open and our lock:
     * we would then hold a lock on a file nobody else sees. So the path must name the same file
     * before the open and after the lock; if not, this tries again on the file it names now.
     */
    static Optional<LockFile> open(Path f, boolean shared) throws IOException {
        Files.createDirectories(f.getParent());
        while (true) {
            Object before = fileKey(f);
            FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(ch, shared);
            if (lock == null) {
                ch.close();
                return Optional.empty();
            }
            LockFile locked = new LockFile(f, ch, lock, before);
            if (!locked.stillNamed()) {
                ch.close(); // releases the lock
                continue;
            }
            return Optional.of(locked);
        }
    }

    /**
     * For gc: locks {@code f} exclusively when it still exists, nobody holds it, and the path still
     * names the file locked (a holder may have deleted it and another made a new one meanwhile,
     * which is that one's to delete).
     */
    static Optional<LockFile> lockExisting(Path f) throws IOException {
        Object before = fileKey(f);
        if (before == null) {
            return Optional.empty();
        }
        FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
        LockFile locked = new LockFile(f, ch, tryLock(ch, false), before);
        if (locked.lock == null || !locked.stillNamed()) {
            locked.close();
            return Optional.empty();
        }
        return Optional.of(locked);
    }

    /** Writes the label over whatever the file held: only for a holder no one shares the file with. */
    void label(String text) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    /**
     * Labels the file for a sharer. Left as it is when a sharer labelled it already: others may hold
     * it too. Otherwise (a new, empty file, or one a killed exclusive holder left, whose label no
     * longer says who holds it) written over from the start and then cut to length, never truncated
     * first, so that gc reading it meanwhile still finds the label first. Two sharers doing this at
     * once write the same first lines.
     */
    void labelShared(String text) throws IOException {
        ByteBuffer now = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(now, 0);
        String was = new String(now.array(), 0, now.position(), StandardCharsets.UTF_8);
        if (was.startsWith(NameLocks.LABEL + "\n") && was.contains("\nmode=shared\n")) {
            return;
        }
        byte[] label = text.getBytes(StandardCharsets.UTF_8);
        channel.write(ByteBuffer.wrap(label), 0);
        channel.truncate(label.length);
    }

    /** An exclusive holder letting go: the file is deleted while held (see {@link NameLocks}), then released. */
    void deleteAndClose() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a file left behind is removed by 'hyperlab gc'
        }
        close();
    }

    /**
     * The last shared holder of this process letting go. The file may be deleted only if no other
     * process holds it shared: Java cannot turn a shared lock into an exclusive one in place, so the
     * shared lock goes and an exclusive one is tried at once on the same channel (no second
     * descriptor). If that fails, another holder is left and deletes it later (or gc does). If it
     * succeeds, someone may have taken, deleted and let go of the file in the gap, so it is deleted
     * only while the path still names it.
     */
    void releaseSharedAndMaybeDelete() {
        try {
            lock.release();
            lock = channel.tryLock(0, Long.MAX_VALUE, false);
            if (lock != null && stillNamed()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // the file stays for another holder or 'hyperlab gc'
        }
        close();
    }

    /** Lets go and keeps the file. */
    void close() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }

    /** The lock of the whole file, or null when another process holds one that conflicts; the channel closed on failure. */
    private static FileLock tryLock(FileChannel ch, boolean shared) throws IOException {
        try {
            return ch.tryLock(0, Long.MAX_VALUE, shared);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** True while the path names the file this channel has open (and locked). */
    boolean stillNamed() throws IOException {
        return key != null && key.equals(fileKey(file)) && !openedDeleted(file);
    }

    /**
     * True when this process has {@code f} open after it was deleted, which with the claim set can
     * only be the channel of this lock. Read from {@code /proc/self/fd}'s links, which opens nothing
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

    static Object fileKey(Path f) throws IOException {
        try {
            return Files.readAttributes(f, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
