package dev.hyperlab.core.wait;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work on a daemon thread of its own, for a caller that waits for it only so long: a connect to a
 * host that does not answer can block for minutes and must neither delay the others nor keep the
 * process alive once the caller has given up on it.
 */
public final class DaemonTask {
    private DaemonTask() {}

    /** Starts {@code work} at once; the future completes with its value or what it threw. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return f;
    }
}
