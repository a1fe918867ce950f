package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.TextGUI;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.ConsoleStream;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens a console stream and reads it on a background thread, handing each chunk to the GUI
 * thread as a copy; writes (typed keys) go out on their own thread, so neither a slow guest nor
 * a blocked read ever stalls the GUI.
 */
final class StreamPump implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamPump.class.getName());

    /** What the pump reports, always on the GUI thread. */
    interface Sink {
        void opened();

        void data(byte[] chunk);

        /** The stream ended: {@code error} is null when the other side closed it. */
        void ended(String error);

        /** It could not be opened at all. */
        void failed(String message);
    }

    private final TextGUI gui;
    private final String name;
    private final ExecutorService writer;
    private volatile ConsoleStream stream;
    private volatile boolean closed;

    StreamPump(TextGUI gui, String name) {
        this.gui = gui;
        this.name = name;
        this.writer = Executors.newSingleThreadExecutor(r -> GuiThread.daemon("console-writer-" + name, r));
    }

    void start(Supplier<ConsoleStream> opener, Sink sink) {
        GuiThread.daemon("console-reader-" + name, () -> {
            ConsoleStream s;
            try {
                s = opener.get();
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "opening the console of " + name + " failed", e);
                String msg = message(e);
                GuiThread.later(gui, () -> sink.failed(msg));
                return;
            }
            synchronized (this) {
                if (closed) {
                    s.close(); // the user left before it opened
                    return;
                }
                stream = s;
            }
            GuiThread.later(gui, sink::opened);
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = s.read(buf)) > 0) {
                    byte[] chunk = Arrays.copyOf(buf, n);
                    GuiThread.later(gui, () -> sink.data(chunk));
                }
                GuiThread.later(gui, () -> sink.ended(null));
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.INFO, "reading the console of " + name + " failed", e);
                    String msg = message(e);
                    GuiThread.later(gui, () -> sink.ended(msg));
                }
            }
        }).start();
    }

    /** Sends typed bytes to the guest, in order, off the GUI thread. */
    void write(byte[] data) {
        ConsoleStream s = stream;
        if (s == null || closed || data.length == 0) {
            return;
        }
        writer.execute(() -> {
            try {
                s.write(data, data.length);
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "writing to the console of " + name + " failed", e);
            }
        });
    }

    @Override
    public void close() {
        ConsoleStream s;
        synchronized (this) {
            closed = true;
            s = stream;
        }
        if (s != null) {
            writer.execute(s::close); // after the writes queued before it; wakes the blocked read
        }
        writer.shutdown();
    }

    static String message(RuntimeException e) {
        return e instanceof HyperlabException he ? he.userMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
