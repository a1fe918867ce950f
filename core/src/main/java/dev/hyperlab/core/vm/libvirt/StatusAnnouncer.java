package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.vm.ConnectionStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A connection's state (up, or down and why) and who hears of it. A change between up and down is
 * logged and told to the listeners once, not once per failed reconnect attempt; a first attempt
 * that fails is left to the caller (an error for the CLI, the header for the TUI).
 */
final class StatusAnnouncer {
    /** Under the connection's logger name: that is what a user filters the connection's log on. */
    private static final Logger LOG = Logger.getLogger(LibvirtConnection.class.getName());

    private final String uri;
    private final ListenerExecutor listenerThread;
    private final List<Consumer<ConnectionStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionStatus status = ConnectionStatus.down("not connected yet");
    /** What the log and the listeners were last told: null before the first attempt. */
    private Boolean announced;

    StatusAnnouncer(String uri, ListenerExecutor listenerThread) {
        this.uri = uri;
        this.listenerThread = listenerThread;
    }

    ConnectionStatus current() { return status; }

    /** @param generation the number of the connection made, for the log line when it is back */
    synchronized void change(ConnectionStatus next, int generation) {
        status = next;
        if (announced != null && announced == next.up()) {
            return; // the same state again (one more failed attempt): nothing new to log or tell
        }
        boolean first = announced == null;
        announced = next.up();
        if (first && next.up()) {
            return; // connected on the first attempt: the normal case
        }
        if (next.up()) {
            LOG.info("libvirt at " + uri + " is back (connection " + generation + ")");
        } else if (!first) {
            LOG.warning("libvirt at " + uri + " lost: " + next.detail() + "; reconnecting");
        } // a first attempt that fails is reported by the caller (an error, or the TUI's header)
        for (Consumer<ConnectionStatus> l : listeners) {
            listenerThread.dispatch(() -> l.accept(next));
        }
    }

    /** A listener told of every change between up and down (on the listener thread). */
    AutoCloseable onStatus(Consumer<ConnectionStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
