package dev.hyperlab.core.vm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A serial console (or a container's output) the test speaks for: {@link #emit} is what the guest
 * prints, read by whoever opened it (the boot watcher, the console view); what they write is kept
 * for {@link #written}. Until the test emits something a read blocks, as a guest that prints nothing
 * yet (a TCG boot, to a test) does; {@link #close} or {@link #end} end the stream. Used by
 * {@code FakeHypervisor}'s consoles and by the TUI's container double, through core's test-jar.
 */
public final class ScriptedConsole implements ConsoleStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> out = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream in = new ByteArrayOutputStream();
    private volatile boolean closed;

    public void emit(String text) { out.add(text.getBytes(StandardCharsets.UTF_8)); }

    /** Raw bytes (a recorded session), in pieces of {@code piece} bytes cut anywhere. */
    public void emit(byte[] data, int piece) {
        for (int i = 0; i < data.length; i += piece) {
            out.add(java.util.Arrays.copyOfRange(data, i, Math.min(data.length, i + piece)));
        }
    }

    /** The guest stops: the stream ends. */
    public void end() { out.add(END); }

    public synchronized String written() { return in.toString(StandardCharsets.UTF_8); }

    public boolean isClosed() { return closed; }

    @Override
    public int read(byte[] buf) {
        try {
            byte[] b = out.take();
            if (b == END) {
                out.add(END);
                return -1;
            }
            System.arraycopy(b, 0, buf, 0, b.length); // tests emit less than a buffer at a time
            return b.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public synchronized void write(byte[] data, int len) { in.write(data, 0, len); }

    @Override
    public void close() {
        closed = true;
        out.add(END);
    }
}
