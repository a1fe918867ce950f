package dev.hyperlab.core.vm.libvirt;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread a connection's listeners run on: never libvirt's event-loop thread (a slow
 * listener would stall every event of the process), never the connection's worker (a listener
 * that calls libvirt would wait for itself). A listener that throws is logged, the next still runs.
 */
final class ListenerExecutor {
    private static final Logger LOG = Logger.getLogger(ListenerExecutor.class.getName());

    private final ExecutorService events;

    ListenerExecutor(String threadName) {
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Hands {@code r} on; callable from libvirt's event-loop thread. */
    void dispatch(Runnable r) {
        try {
            events.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "an event listener failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing: nobody listens any more
        }
    }

    void shutdown() { events.shutdown(); }
}
