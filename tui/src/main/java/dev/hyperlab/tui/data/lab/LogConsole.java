package dev.hyperlab.tui.data.lab;

import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.tui.data.LineConsole;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A container's followed output as a read-only console stream, so one console view serves both
 * kinds: the lines the engine pushes are read as bytes; the end of the log (the container stopped)
 * or {@link #close} ends the stream. A container's output cannot be typed into: keys are dropped.
 */
final class LogConsole extends LineConsole {
    private static final Logger LOG = Logger.getLogger(LogConsole.class.getName());

    private final AutoCloseable owner;
    private volatile LogStream stream;

    private LogConsole(AutoCloseable owner) { this.owner = owner; }

    /**
     * @param follow starts following, handing each line to the consumer (on the engine's thread)
     * @param owner  closed with the stream (the connection the stream came from)
     */
    static LogConsole follow(String name, Function<Consumer<String>, LogStream> follow, AutoCloseable owner) {
        LogConsole c = new LogConsole(owner);
        c.stream = follow.apply(c::line);
        Thread waiter = new Thread(() -> {
            try {
                c.stream.awaitEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.end();
        }, "ct-output-end-" + name);
        waiter.setDaemon(true);
        waiter.start();
        return c;
    }

    @Override
    public void close() {
        try {
            if (stream != null) {
                stream.close();
            }
        } finally {
            end();
            try {
                owner.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing the engine connection", e);
            }
        }
    }
}
