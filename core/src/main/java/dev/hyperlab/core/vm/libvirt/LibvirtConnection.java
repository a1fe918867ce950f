package dev.hyperlab.core.vm.libvirt;

import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.map;
import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.message;
import static dev.hyperlab.core.vm.libvirt.LibvirtErrors.hint;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.ConnectionStatus;
import dev.hyperlab.core.model.ReconnectPolicy;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The one libvirt connection of an adapter, the only way its classes reach libvirt:
 * <ul>
 *   <li><b>confinement</b>: the {@link Connect} is opened on, and only used from, one worker thread;
 *       every call is submitted to it ({@link #call});</li>
 *   <li><b>reconnect</b> ({@link ReconnectLoop}): keepalive and the close callback notice a loss,
 *       the connection comes back with the {@link ReconnectPolicy}'s backoff, and a call made
 *       meanwhile waits for it up to the policy's window. A call cut off by the loss is run again on
 *       the new connection when it only reads; a call that changes something fails with
 *       {@code UNAVAILABLE} (it may have happened);</li>
 *   <li><b>registrations</b> (event callbacks, {@link CallbackRegistry}) are made again on every new
 *       connection; listeners run on a thread of their own ({@link ListenerExecutor}), and a change
 *       between up and down is logged and told once ({@link StatusAnnouncer});</li>
 *   <li><b>handles</b>: {@link #free} for every Domain/StorageVol/Stream/DomainSnapshot, counted
 *       ({@link HandleLedger});</li>
 *   <li><b>errors</b>: libvirt's exceptions become one-line {@link HyperlabException}s.</li>
 * </ul>
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
    private final ListenerExecutor listenerThread;
    private final CallbackRegistry callbacks;
    private final StatusAnnouncer status;
    private final HandleLedger handles = new HandleLedger();
    private final ReconnectLoop loop;

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
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "libvirt-conn-" + n);
            t.setDaemon(true);
            return t;
        });
        this.listenerThread = new ListenerExecutor("libvirt-events-" + n);
        this.callbacks = new CallbackRegistry(uri);
        this.status = new StatusAnnouncer(uri, listenerThread);
        this.loop = new ReconnectLoop(uri, connector, policy, clock, worker, callbacks, status);
        OPEN.add(this);
        Throwable first;
        try {
            first = worker.submit(loop::tryConnect).get();
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
            loop.scheduleRetry();
        }
    }

    String uri() { return uri; }

    ConnectionStatus status() { return status.current(); }

    int generation() { return loop.generation(); }

    int handlesTaken() { return handles.taken(); }

    int handlesFreed() { return handles.freed(); }

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
                Connect c = loop.connection(what, deadline);
                try {
                    return op.apply(c);
                } catch (LibvirtException | LibvirtErrors.NativeCallException e) {
                    if (!loop.lostUnder(c)) {
                        throw e;
                    }
                    loop.lost("the connection broke during " + what + ": " + message(e));
                    if (!readOnly) {
                        throw new HyperlabException(ErrorCode.UNAVAILABLE, what + " was cut off: libvirt at " + uri
                                + " went away meanwhile, so it may or may not have happened",
                                "try 'hyperlab vm list' once libvirtd is back, then again", e);
                    }
                    return op.apply(loop.connection(what, deadline));
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

    /**
     * The connection is gone (close callback, or a call found it dead): say so once and reconnect
     * in the background, so that a TUI that calls nothing while it is down still gets it back.
     */
    void lost(String why) { loop.lost(why); }

    /**
     * Whether connection number {@code gen} is still the live one: false once it was lost (and
     * then the loss is handled as for a call). A stream that ended asks this to tell "the guest
     * stopped" from "the daemon went away".
     */
    boolean isCurrent(int gen) {
        try {
            return worker.submit(() -> loop.isCurrent(gen)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException | RejectedExecutionException e) {
            return true;
        }
    }

    // ------------------------------------------------------------------ events

    /** A listener told of every change between up and down (on the listener thread). */
    AutoCloseable onStatus(Consumer<ConnectionStatus> listener) { return status.onStatus(listener); }

    /**
     * Registers {@code r} on the current connection and every later one. The registration is kept
     * even when the daemon is down now; it is made once the connection is back.
     */
    AutoCloseable register(String what, Registration r) {
        try {
            worker.submit(() -> { // on the worker: a reconnect cannot register it a second time meanwhile
                callbacks.add(r);
                Connect c = loop.live();
                if (c != null) {
                    r.register(c);
                }
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            callbacks.remove(r);
            throw map(what, e.getCause());
        }
        return () -> {
            if (callbacks.remove(r) && !loop.closed()) {
                try {
                    worker.submit(() -> {
                        Connect c = loop.live();
                        if (c != null) {
                            r.unregister(c);
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

    /** Hands an event on to the listeners' thread; callable from libvirt's event-loop thread. */
    void dispatch(Runnable r) { listenerThread.dispatch(r); }

    // ------------------------------------------------------------------ handles

    /** How this connection opens libvirt connections (a migration opens its own for its blocking call). */
    Connector connector() { return connector; }

    <T> T took(T handle) { return handles.took(handle); }

    void free(Object handle) { handles.free(handle); }

    // ------------------------------------------------------------------ closing

    @Override
    public void close() {
        if (loop.closed()) {
            return;
        }
        try {
            worker.submit(() -> {
                loop.closeOnWorker();
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException ignored) {
            // closing a dead connection: nothing left to release
        } finally {
            loop.markClosed();
            shutdown();
        }
    }

    private void shutdown() {
        OPEN.remove(this);
        worker.shutdown();
        listenerThread.shutdown();
    }
}
