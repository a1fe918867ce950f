package dev.hyperlab.core.forward;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listens on host addresses and forwards each client over TCP to its route's {@link Upstream}: one
 * accepting thread per route, and per client one thread each way, copying with blocking channels.
 * End of stream is passed on as a half-close, so a client that shuts down its side still gets the
 * guest's answer; an error on either side closes both. A lab has few forwards and few clients, so
 * threads (with small stacks) are simpler than a selector and cost little.
 *
 * <p>{@link #bind} binds every route or none, so a forwarder that started serves all it was asked to.
 */
public final class TcpForwarder implements AutoCloseable {
    /**
     * One forward.
     *
     * @param name   for messages, e.g. {@code 127.0.0.1:2222 -> web:22}
     * @param listen the host address and port to listen on (port 0: one the kernel picks, for tests)
     */
    public record Route(String name, InetSocketAddress listen, Upstream upstream) {}

    /** Where the forwarder says what went wrong with a client (one line each); it never throws. */
    @FunctionalInterface
    public interface Log {
        Log NONE = line -> { };

        void line(String text);
    }

    /** Clients served at once, all routes together; more are closed at once, with a log line. */
    static final int MAX_CLIENTS = 256;
    private static final int BUFFER = 16 * 1024;
    private static final long STACK = 256 * 1024;

    private final List<Route> routes;
    private final List<ServerSocketChannel> servers;
    private final Log log;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clients = new AtomicInteger();
    private volatile boolean closed;

    private TcpForwarder(List<Route> routes, List<ServerSocketChannel> servers, Log log) {
        this.routes = List.copyOf(routes);
        this.servers = List.copyOf(servers);
        this.log = log;
    }

    /**
     * Binds every route's address; on the first that fails, closes those already bound and throws a
     * {@code CONFLICT} naming the address and the reason. Nothing is accepted before {@link #start}.
     */
    public static TcpForwarder bind(List<Route> routes, Log log) {
        List<ServerSocketChannel> bound = new ArrayList<>();
        for (Route r : routes) {
            ServerSocketChannel s = null;
            try {
                s = ServerSocketChannel.open(StandardProtocolFamily.INET);
                s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                s.bind(r.listen(), 64);
                bound.add(s);
            } catch (IOException | RuntimeException e) {
                closeQuietly(s);
                bound.forEach(TcpForwarder::closeQuietly);
                throw new HyperlabException(ErrorCode.CONFLICT, "forwarding " + r.name() + " failed: cannot listen on "
                        + host(r.listen()) + ":" + r.listen().getPort() + ": " + e.getMessage(),
                        "try another host port, or stop what listens there (ss -ltnp)", e);
            }
        }
        return new TcpForwarder(routes, bound, log);
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    /** The addresses listened on, in route order. */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel s : servers) {
            try {
                out.add((InetSocketAddress) s.getLocalAddress());
            } catch (IOException e) {
                throw new IllegalStateException("a closed forwarder has no addresses", e);
            }
        }
        return out;
    }

    /** Starts accepting on every route, one daemon thread each. */
    public void start() {
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            ServerSocketChannel s = servers.get(i);
            thread("forward-accept " + r.name(), () -> accept(r, s)).start();
        }
    }

    /** Clients being served now. */
    public int clients() {
        return clients.get();
    }

    private void accept(Route r, ServerSocketChannel server) {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // EMFILE and the like: say so, pause, go on; a forwarder that stops accepting is worse.
                log.line(r.name() + ": accept failed: " + e.getMessage());
                pause();
                continue;
            }
            if (clients.incrementAndGet() > MAX_CLIENTS) {
                clients.decrementAndGet();
                log.line(r.name() + ": a client refused: " + MAX_CLIENTS + " clients are served already");
                closeQuietly(client);
                continue;
            }
            thread("forward " + r.name(), () -> serve(r, client)).start();
        }
    }

    private void serve(Route r, SocketChannel client) {
        SocketChannel upstream = null;
        open.add(client);
        try {
            try {
                upstream = r.upstream().connect();
            } catch (IOException | RuntimeException e) {
                log.line(r.name() + ": the guest did not answer: " + oneLine(e));
                return;
            }
            open.add(upstream);
            if (closed) {
                return;
            }
            keepAlive(client);
            keepAlive(upstream);
            SocketChannel up = upstream;
            Thread back = thread("forward-back " + r.name(), () -> copy(up, client));
            back.start();
            copy(client, upstream);
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
            open.remove(client);
            if (upstream != null) {
                open.remove(upstream);
            }
            clients.decrementAndGet();
        }
    }

    /** Copies until end of stream, then half-closes {@code to}; on an error closes both, which ends the other way too. */
    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closed = true;
        servers.forEach(TcpForwarder::closeQuietly);
        open.forEach(TcpForwarder::closeQuietly);
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(null, r, name, STACK);
        t.setDaemon(true);
        return t;
    }

    private static void keepAlive(SocketChannel c) {
        try {
            c.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        } catch (IOException e) {
            // a socket that cannot keep alive is still served
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    static void closeQuietly(java.nio.channels.Channel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing: nothing to do about it
        }
    }
}
