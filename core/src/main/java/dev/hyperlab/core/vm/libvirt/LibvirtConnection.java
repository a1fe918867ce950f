package dev.hyperlab.core.vm.libvirt;

import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.check;
import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.map;
import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.isConflict;
import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.isNotFound;
import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.message;
import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.hint;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.ConnectionStatus;
import dev.hyperlab.core.model.ReconnectPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * The one libvirt connection of an adapter, and everything about keeping it:
 * <ul>
 *   <li><b>confinement</b>: the {@link Connect} is opened on, and only used from, one worker thread;
 *       every call is submitted to it;</li>
 *   <li><b>liveness</b>: libvirt keepalive (a dead daemon is noticed within ~15 s even when idle)
 *       and the close callback (a restart is noticed at once);</li>
 *   <li><b>reconnect</b>: after a loss it reconnects in the background with the
 *       {@link ReconnectPolicy}'s backoff; a call made meanwhile waits for the connection up to the
 *       policy's window. A call cut off by the loss is run again on the new connection when it only
 *       reads; a call that changes something fails with {@code UNAVAILABLE} (it may have happened);</li>
 *   <li><b>registrations</b> (event callbacks) are made again on every new connection: events are
 *       tied to a connection, and a client that forgets this goes deaf after the first restart;</li>
 *   <li><b>handles</b>: {@link #free} for every Domain/StorageVol/Stream/DomainSnapshot, counted;</li>
 *   <li><b>errors</b>: libvirt's exceptions become one-line {@link HyperlabException}s.</li>
 * </ul>
 * A change of state (down, up again) is logged once, not once per failed attempt.
 */
final class LibvirtConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LibvirtConnection.class.getName());
    private static final AtomicInteger SEQ = new AtomicInteger();
    /**
     * Every connection not yet closed. libvirt holds native pointers to the JNA callbacks registered
     * on a connection (close, lifecycle, metadata) and calls them from its event loop; a connection
     * someone forgot to close must not let them be collected, or the next event crashes the JVM.
     */
    private static final Set<LibvirtConnection> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Keepalive: a probe every 5 s, the connection is dead after 3 unanswered ones. */
    private static final int KEEPALIVE_INTERVAL_S = 5;
    private static final int KEEPALIVE_COUNT = 3;

    /** Opens a raw connection; tests put a failing one in to play a daemon that is away. */
    interface Connector {
        Connector LIBVIRT = uri -> new Connect(uri, false);

        Connect open(String uri) throws LibvirtException;
    }

    /** One piece of work on the connection, run on the worker thread. */
    interface Op<T> {
        T apply(Connect c) throws Exception;
    }

    /** Something tied to one connection that must be made again on the next: an event callback. */
    interface Registration {
        void register(Connect c) throws LibvirtException;

        void unregister(Connect c) throws LibvirtException;
    }

    private final String uri;
    private final Connector connector;
    private final ReconnectPolicy policy;
    private final ReconnectPolicy.Clock clock;
    private final ScheduledExecutorService worker;
    /** Listeners run here: never on libvirt's event-loop thread, never on the worker. */
    private final ExecutorService events;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger freed = new AtomicInteger();
    /** Worker thread only. */
    private Connect conn;
    private int failedAttempts;
    private volatile ScheduledFuture<?> retry;
    /** Set by the close callback (event-loop thread). */
    private volatile boolean broken;
    private volatile boolean closed;
    private volatile ConnectionStatus status = ConnectionStatus.down("not connected yet");
    /** Counts connections made: a stream knows from it whether its connection is still the current one. */
    private volatile int generation;

    /**
     * @param requireFirst fail at once when the first attempt fails (the CLI); else start down and
     *                     reconnect in the background (the TUI starts while libvirtd is away)
     */
    LibvirtConnection(String uri, Connector connector, ReconnectPolicy policy, ReconnectPolicy.Clock clock,
                      boolean requireFirst) {
        this.uri = uri;
        this.connector = connector;
        this.policy = policy;
        this.clock = clock;
        int n = SEQ.incrementAndGet();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "libvirt-conn-" + n));
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "libvirt-events-" + n));
        OPEN.add(this);
        Throwable first;
        try {
            first = worker.submit(this::tryConnect).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown();
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "connecting to libvirt interrupted", null, e);
        } catch (ExecutionException e) {
            first = e.getCause();
        }
        if (first != null) {
            if (requireFirst) {
                shutdown();
                throw new HyperlabException(ErrorCode.UNAVAILABLE, "connecting to libvirt at " + uri + " failed: "
                        + message(first), hint(uri), first);
            }
            scheduleRetry();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    String uri() { return uri; }

    ConnectionStatus status() { return status; }

    int generation() { return generation; }

    int handlesTaken() { return taken.get(); }

    int handlesFreed() { return freed.get(); }

    // ------------------------------------------------------------------ calls

    /**
     * Runs {@code op} on the worker. While the connection is down the call waits for it (up to the
     * policy's window). When the connection breaks under {@code op}: a call that only reads
     * ({@code readOnly}) runs again on the next connection; any other fails with UNAVAILABLE.
     */
    <T> T call(String what, boolean readOnly, Op<T> op) {
        long deadline = clock.nanoTime() + policy.window().toNanos();
        Future<T> f;
        try {
            f = worker.submit(() -> {
                Connect c = connection(what, deadline);
                try {
                    return op.apply(c);
                } catch (LibvirtException | LibvirtErrors.NativeCallException e) {
                    if (!lostUnder(c)) {
                        throw e;
                    }
                    lost("the connection broke during " + what + ": " + message(e));
                    if (!readOnly) {
                        throw new HyperlabException(ErrorCode.UNAVAILABLE, what + " was cut off: libvirt at " + uri
                                + " went away meanwhile, so it may or may not have happened",
                                "try 'hyperlab vm list' once libvirtd is back, then again", e);
                    }
                    return op.apply(connection(what, deadline));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new HyperlabException(ErrorCode.UNAVAILABLE, what + " failed: the libvirt connection is closed", null, e);
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, what + " interrupted", null, e);
        } catch (ExecutionException e) {
            throw map(what, e.getCause());
        }
    }

    /** The live connection, reconnecting with backoff until {@code deadline}; worker thread only. */
    private Connect connection(String what, long deadline) throws InterruptedException {
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
                        + " did not come back within " + policy.window().toSeconds() + " s (" + status.detail() + ")",
                        "try 'hyperlab doctor', or start libvirtd ('libvirtd -d' without systemd)");
            }
            clock.sleep(Duration.ofNanos(Math.min(left, policy.delayAfter(failedAttempts).toNanos())));
        }
    }

    /** One attempt; worker thread only. @return null when connected, else why not */
    private Throwable tryConnect() {
        Connect c;
        try {
            c = connector.open(uri);
        } catch (LibvirtException | RuntimeException | LinkageError e) {
            failedAttempts++;
            changeStatus(ConnectionStatus.down(uri + " unreachable: " + message(e)));
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
        for (Registration r : registrations) {
            register(r, c);
        }
        changeStatus(ConnectionStatus.UP);
        return null;
    }

    private void register(Registration r, Connect c) {
        try {
            r.register(c);
        } catch (LibvirtException | RuntimeException e) {
            LOG.log(Level.WARNING, "registering an event callback on " + uri + " failed: " + message(e));
        }
    }

    /**
     * The connection is gone (close callback, or a call found it dead): say so once and reconnect
     * in the background, so that a TUI that calls nothing while it is down still gets it back.
     */
    void lost(String why) {
        broken = true;
        changeStatus(ConnectionStatus.down(why));
        scheduleRetry();
    }

    private void scheduleRetry() {
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
     * Whether connection number {@code gen} is still the live one: false once it was lost (and
     * then the loss is handled as for a call). A stream that ended asks this to tell "the guest
     * stopped" from "the daemon went away".
     */
    boolean isCurrent(int gen) {
        try {
            return worker.submit(() -> {
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
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | RejectedExecutionException e) {
            return true;
        }
    }

    /** Whether a call failed because the connection is gone (not because of what it asked). */
    private boolean lostUnder(Connect c) {
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
        for (Registration r : registrations) {
            try {
                r.unregister(c);
            } catch (LibvirtException | RuntimeException e) {
                LOG.log(Level.FINE, "dropping a callback of a dead connection", e);
            }
        }
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

    /** What the log and the listeners were last told: null before the first attempt. */
    private Boolean announced;

    private synchronized void changeStatus(ConnectionStatus next) {
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
        for (Consumer<ConnectionStatus> l : statusListeners) {
            dispatch(() -> l.accept(next));
        }
    }

    /** A listener told of every change between up and down (on the event executor). */
    AutoCloseable onStatus(Consumer<ConnectionStatus> listener) {
        statusListeners.add(listener);
        return () -> statusListeners.remove(listener);
    }

    /**
     * Registers {@code r} on the current connection and every later one. The registration is kept
     * even when the daemon is down now; it is made once the connection is back.
     */
    AutoCloseable register(String what, Registration r) {
        try {
            worker.submit(() -> { // on the worker: a reconnect cannot register it a second time meanwhile
                registrations.add(r);
                if (conn != null && !broken) {
                    r.register(conn);
                }
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            registrations.remove(r);
            throw map(what, e.getCause());
        }
        return () -> {
            if (registrations.remove(r) && !closed) {
                try {
                    worker.submit(() -> {
                        if (conn != null && !broken) {
                            r.unregister(conn);
                        }
                        return null;
                    }).get();
                } catch (ExecutionException | RejectedExecutionException e) {
                    LOG.log(Level.FINE, "unregistering from " + uri, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Hands an event on to the listeners' executor; callable from libvirt's event-loop thread. */
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

    // ------------------------------------------------------------------ handles

    /** How this connection opens libvirt connections (a migration opens its own for its blocking call). */
    Connector connector() { return connector; }

    <T> T took(T handle) {
        taken.incrementAndGet();
        return handle;
    }

    void free(Object handle) {
        if (handle == null) {
            return;
        }
        try {
            if (handle instanceof Domain d) {
                d.free();
            } else if (handle instanceof StorageVol v) {
                v.free();
            } else if (handle instanceof Stream s) {
                s.free();
            } else if (handle instanceof DomainSnapshot s) {
                s.free();
            } else if (handle instanceof org.libvirt.Network n) {
                n.free();
            }
            freed.incrementAndGet();
        } catch (LibvirtException ignored) {
            // freeing can only fail for an invalid handle, which there is nothing left to do about
        }
    }

    // ------------------------------------------------------------------ closing

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            worker.submit(() -> {
                closed = true;
                if (retry != null) {
                    retry.cancel(false);
                }
                drop();
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException ignored) {
            // closing a dead connection: nothing left to release
        } finally {
            closed = true;
            shutdown();
        }
    }

    private void shutdown() {
        OPEN.remove(this);
        worker.shutdown();
        events.shutdown();
    }
}
