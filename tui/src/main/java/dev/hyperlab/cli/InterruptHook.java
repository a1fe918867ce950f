package dev.hyperlab.cli;

import dev.hyperlab.core.model.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during a long command: the JVM's shutdown hook cancels {@code cancel} and waits, up
 * to a minute, until the command's own thread has undone what it made and closed this. Without the wait
 * the JVM would exit in the middle of the undo.
 */
final class InterruptHook implements AutoCloseable {
    private final CountDownLatch over = new CountDownLatch(1);
    private final Thread hook;

    private InterruptHook(Cancellation cancel, String name) {
        hook = new Thread(() -> {
            cancel.cancel("interrupted");
            try {
                over.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the hook; close it when the command is done, undo included. */
    static InterruptHook cancelling(Cancellation cancel, String name) {
        return new InterruptHook(cancel, name);
    }

    @Override public void close() {
        over.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down already (Ctrl-C): the hook runs
        }
    }
}
