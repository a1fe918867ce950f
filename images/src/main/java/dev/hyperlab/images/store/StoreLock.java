package dev.hyperlab.images.store;

import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ImageException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Exclusive lock over the {@link ImageStore}'s mutations, across threads (FileLock throws on overlap) and processes. */
final class StoreLock implements AutoCloseable {
    private static final java.util.concurrent.locks.ReentrantLock THREADS = new java.util.concurrent.locks.ReentrantLock();
    private final FileChannel channel;
    private final FileLock lock;

    StoreLock(Path file) {
        THREADS.lock();
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.lock();
        } catch (IOException e) {
            THREADS.unlock();
            throw new ImageException(Kind.FAILED, "locking the image store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        } finally {
            THREADS.unlock();
        }
    }
}
