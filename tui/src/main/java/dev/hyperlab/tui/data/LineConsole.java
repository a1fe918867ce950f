package dev.hyperlab.tui.data;

import dev.hyperlab.core.vm.ConsoleStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Lines that another thread hands over, read as a read-only {@link ConsoleStream}, so one console
 * view serves output that arrives as lines (a container's log, a boot watcher's console lines):
 * each line is queued as bytes and read in pieces as large as the reader asks; once {@link #end}
 * is reached, every read returns -1. Keys written to it are dropped. Subclasses say what closing
 * lets go of, and must {@link #end} the stream when they close it.
 */
public abstract class LineConsole implements ConsoleStream {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    /** The rest of a chunk the last read could not take; reader thread only. */
    private byte[] pending;
    private int pendingOff;

    /** Queues one line (without its end); any thread. */
    public final void line(String line) {
        chunks.add((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the stream after the lines queued so far; any thread. */
    public final void end() {
        chunks.add(END);
    }

    @Override
    public final int read(byte[] buf) {
        try {
            if (pending == null) {
                pending = chunks.take();
                pendingOff = 0;
            }
            if (pending == END) {
                chunks.add(END); // every later read ends too
                pending = null;
                return -1;
            }
            int n = Math.min(buf.length, pending.length - pendingOff);
            System.arraycopy(pending, pendingOff, buf, 0, n);
            pendingOff += n;
            if (pendingOff == pending.length) {
                pending = null;
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Read-only: what is typed is dropped. */
    @Override
    public final void write(byte[] data, int len) { }
}
