package dev.hyperlab.core.vm;

/**
 * Whether a port's daemon answers. While it is down the adapter reconnects with backoff; calls
 * made meanwhile wait (up to the adapter's window) instead of failing at once.
 *
 * @param up     a live connection
 * @param detail why it is down (one line), empty when up
 */
public record ConnectionStatus(boolean up, String detail) {
    public static final ConnectionStatus UP = new ConnectionStatus(true, "");

    public static ConnectionStatus down(String why) { return new ConnectionStatus(false, why); }
}
