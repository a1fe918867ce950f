package dev.hyperlab.core.container;

import java.io.Closeable;

/** A container's output being streamed; close to stop early. */
public interface LogStream extends Closeable {
    /** Blocks until the stream ends (the container stopped, or the stream was closed). */
    void awaitEnd() throws InterruptedException;

    @Override void close();
}
