package dev.hyperlab.tui.data.lab;

import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.core.vm.ConsoleStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A container's followed output as a read-only {@link ConsoleStream}, so one console view serves
 * both kinds: lines the engine pushes are queued and read as bytes; the end of the log (the
 * container stopped) or {@link #close} ends the stream. Writes are dropped.
 */
final class LogConsole implements ConsoleStream {
    private static final Logger LOG = Logger.getLogger(LogConsole.class.getName());
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final AutoCloseable owner;
    private volatile LogStream stream;
    /** The rest of a chunk the last read could not take; reader thread only. */
    private byte[] pending;
    private int pendingOff;

    private LogConsole(AutoCloseable owner) { this.owner = owner; }

    /**
     * @param follow starts following, handing each line to the consumer (on the engine's thread)
     * @param owner  closed with the stream (the connection the stream came from)
     */
    static LogConsole follow(String name, Function<Consumer<String>, LogStream> follow, AutoCloseable owner) {
        LogConsole c = new LogConsole(owner);
        c.stream = follow.apply(line -> c.chunks.add((line + "\n").getBytes(StandardCharsets.UTF_8)));
        Thread waiter = new Thread(() -> {
            try {
                c.stream.awaitEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.chunks.add(END);
        }, "ct-output-end-" + name);
        waiter.setDaemon(true);
        waiter.start();
        return c;
    }

    @Override
    public int read(byte[] buf) {
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

    /** A container's output cannot be typed into: the key is dropped. */
    @Override public void write(byte[] data, int len) { }

    @Override
    public void close() {
        try {
            if (stream != null) {
                stream.close();
            }
        } finally {
            chunks.add(END);
            try {
                owner.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing the engine connection", e);
            }
        }
    }
}
