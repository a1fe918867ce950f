package dev.hyperlab.core.vm.libvirt;

import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.message;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.ReconnectPolicy;
import dev.hyperlab.core.vm.ConnectionStatus;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The live {@link Connect} behind a {@link LibvirtConnection}, and how it is kept:
 * <ul>
 *   <li><b>liveness</b>: libvirt keepalive (a dead daemon is noticed within ~15 s even when idle)
 *       and the close callback (a restart is noticed at once);</li>
 *   <li><b>reconnect</b>: after a loss it reconnects in the background with the
 *       {@link ReconnectPolicy}'s backoff, and a call waits for the connection up to the policy's
 *       window ({@link #connection});</li>
 *   <li>each new connection gets the {@link CallbackRegistry}'s callbacks again, and a number
 *       ({@link #generation}) by which a stream tells whether its connection is still the live one.</li>
 * </ul>
 * Everything here runs on the connection's worker thread but {@link #lost} (called from libvirt's
 * event loop too) and the volatile reads.
 */
final class ReconnectLoop {
    private static final Logger LOG = Logger.getLogger(LibvirtConnection.class.getName());
    /** Keepalive: a probe every 5 s, the connection is dead after 3 unanswered ones. */
    private static final int KEEPALIVE_INTERVAL_S = 5;
    private static final int KEEPALIVE_COUNT = 3;

    private final String uri;
    private final LibvirtConnection.Connector connector;
    private final ReconnectPolicy policy;
    private final ReconnectPolicy.Clock clock;
    private final ScheduledExecutorService worker;
    private final CallbackRegistry callbacks;
    private final StatusAnnouncer status;
    /** Worker thread only. */
    private Connect conn;
    private int failedAttempts;
    private volatile ScheduledFuture<?> retry;
    /** Set by the close callback (event-loop thread). */
    private volatile boolean broken;
    private volatile boolean closed;
    /** Counts connections made: a stream knows from it whether its connection is still the current one. */
    private volatile int generation;

    ReconnectLoop(String uri, LibvirtConnection.Connector connector, ReconnectPolicy policy,
                  ReconnectPolicy.Clock clock, ScheduledExecutorService worker, CallbackRegistry callbacks,
                  StatusAnnouncer status) {
        this.uri = uri;
        this.connector = connector;
        this.policy = policy;
        this.clock = clock;
        this.worker = worker;
        this.callbacks = callbacks;
        this.status = status;
    }

    int generation() { return generation; }

    boolean closed() { return closed; }

    /** The connection when it is up, else null; worker thread only. */
    Connect live() { return conn != null && !broken ? conn : null; }

    /** The live connection, reconnecting with backoff until {@code deadline}; worker thread only. */
    Connect connection(String what, long deadline) throws InterruptedException {
        while (true) {
            if (closed) {
                throw new HyperlabException(ErrorCode.UNAVAILABLE, what + " failed: the libvirt connection is closed", null);
            }
            if (conn != null && !broken) {
                return conn;
            }
            drop();
            if (tryConnect() == null) {
                return conn;
            }
            long left = deadline - clock.nanoTime();
            if (left <= 0) {
                throw new HyperlabException(ErrorCode.UNAVAILABLE, what + " failed: libvirt at " + uri
                        + " did not come back within " + policy.window().toSeconds() + " s ("
                        + status.current().detail() + ")",
                        "try 'hyperlab doctor', or start libvirtd ('libvirtd -d' without systemd)");
            }
            clock.sleep(Duration.ofNanos(Math.min(left, policy.delayAfter(failedAttempts).toNanos())));
        }
    }

    /** One attempt; worker thread only. @return null when connected, else why not */
    Throwable tryConnect() {
        Connect c;
        try {
            c = connector.open(uri);
        } catch (LibvirtException | RuntimeException | LinkageError e) {
            failedAttempts++;
            status.change(ConnectionStatus.down(uri + " unreachable: " + message(e)), generation);
            return e;
        }
        broken = false;
        conn = c;
        failedAttempts = 0;
        int gen = ++generation;
        try {
            // Remote drivers only; the in-process test driver has no keepalive and says so.
            c.setKeepAlive(KEEPALIVE_INTERVAL_S, KEEPALIVE_COUNT);
        } catch (LibvirtException e) {
            LOG.log(Level.FINE, "no keepalive on " + uri, e);
        }
        try {
            c.registerCloseListener((closedConn, reason) -> {
                if (generation == gen) { // a late callback of an older connection changes nothing
                    lost("libvirt closed the connection (" + reason + ")");
                }
            });
        } catch (LibvirtException e) {
            LOG.log(Level.FINE, "no close callback on " + uri, e);
        }
        callbacks.registerAll(c);
        status.change(ConnectionStatus.UP, generation);
        return null;
    }

    /**
     * The connection is gone (close callback, or a call found it dead): say so once and reconnect
     * in the background, so that a TUI that calls nothing while it is down still gets it back.
     */
    void lost(String why) {
        broken = true;
        status.change(ConnectionStatus.down(why), generation);
        scheduleRetry();
    }

    void scheduleRetry() {
        if (closed) {
            return;
        }
        try {
            ScheduledFuture<?> before = retry;
            if (before != null) {
                before.cancel(false);
            }
            retry = worker.schedule(this::backgroundRetry, 0, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** Worker thread only. */
    private void backgroundRetry() {
        if (closed || (conn != null && !broken)) {
            return;
        }
        drop();
        if (tryConnect() != null && !closed) {
            retry = worker.schedule(this::backgroundRetry, policy.delayAfter(failedAttempts).toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Whether connection number {@code gen} is still the live one; a loss found now is handled as
     * for a call. A closed connection answers true: nothing will reopen anything. Worker thread only.
     */
    boolean isCurrent(int gen) {
        if (closed) {
            return true;
        }
        if (conn == null || gen != generation) {
            return false;
        }
        if (lostUnder(conn)) {
            lost("the connection broke under a stream");
            return false;
        }
        return true;
    }

    /** Whether a call failed because the connection is gone (not because of what it asked). */
    boolean lostUnder(Connect c) {
        if (broken) {
            return true;
        }
        try {
            return !c.isAlive();
        } catch (LibvirtException e) {
            return true;
        }
    }

    /** Forgets a dead connection; its registrations died with it. Worker thread only. */
    private void drop() {
        Connect c = conn;
        conn = null;
        if (c == null) {
            return;
        }
        callbacks.unregisterAll(c);
        try {
            c.unregisterCloseListener();
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.FINE, "dropping the close callback of a dead connection", e);
        }
        try {
            c.close();
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a dead connection", e);
        }
    }

    /** Stops reconnecting and closes the connection; worker thread only. */
    void closeOnWorker() {
        closed = true;
        if (retry != null) {
            retry.cancel(false);
        }
        drop();
    }

    /** Marks the loop closed from any thread, for when the worker could not run {@link #closeOnWorker}. */
    void markClosed() { closed = true; }
}
