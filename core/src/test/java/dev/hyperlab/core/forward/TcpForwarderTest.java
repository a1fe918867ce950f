package dev.hyperlab.core.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The forwarder between loopback sockets: a test server stands in for the guest, a lambda for the connector. */
class TcpForwarderTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /**
     * A guest: reads each client until end of stream, then answers "got N: TEXT" and closes; the answer
     * after the client's half-close shows that end of stream travels as a half-close both ways.
     */
    private InetSocketAddress guest() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, LOOPBACK);
        toClose.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    new Thread(() -> {
                        try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                            byte[] all = in.readAllBytes();
                            out.write(("got " + all.length + ": " + new String(all, StandardCharsets.UTF_8))
                                    .getBytes(StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            // the test sees it as a missing answer
                        }
                    }).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return (InetSocketAddress) s.getLocalSocketAddress();
    }

    private TcpForwarder forwarder(Upstream... upstreams) {
        List<TcpForwarder.Route> routes = new ArrayList<>();
        for (int i = 0; i < upstreams.length; i++) {
            routes.add(new TcpForwarder.Route("route" + i, new InetSocketAddress(LOOPBACK, 0), upstreams[i]));
        }
        TcpForwarder f = TcpForwarder.bind(routes, log::add);
        toClose.add(f);
        f.start();
        return f;
    }

    private static String exchange(InetSocketAddress at, String text) throws IOException {
        try (Socket c = new Socket(at.getAddress(), at.getPort())) {
            c.setSoTimeout(10_000);
            c.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            c.shutdownOutput();
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("a client's bytes reach the guest and the guest's answer comes back, after the client's half-close")
    void forwardsBothWays() throws Exception {
        InetSocketAddress g = guest();
        TcpForwarder f = forwarder(() -> SocketChannel.open(g));
        assertEquals("got 5: hello", exchange(f.addresses().get(0), "hello"));
        String big = "x".repeat(300_000); // more than one buffer, more than a socket's send queue
        assertEquals("got 300000: " + big, exchange(f.addresses().get(0), big));
    }

    @Test
    @DisplayName("clients at once are served apart, each route to its own upstream")
    void clientsAtOnce() throws Exception {
        InetSocketAddress g = guest();
        List<String> used = new CopyOnWriteArrayList<>();
        TcpForwarder f = forwarder(() -> {
            used.add("a");
            return SocketChannel.open(g);
        }, () -> {
            used.add("b");
            return SocketChannel.open(g);
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String text = "client-" + i;
                InetSocketAddress at = f.addresses().get(i % 2);
                answers.add(pool.submit(() -> exchange(at, text)));
            }
            for (int i = 0; i < 16; i++) {
                assertEquals("got " + ("client-" + i).length() + ": client-" + i, answers.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8, used.stream().filter("a"::equals).count());
        assertEquals(8, used.stream().filter("b"::equals).count());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            while (f.clients() > 0) {
                Thread.sleep(10);
            }
        }, "every client's threads end once both sides closed");
    }

    @Test
    @DisplayName("a guest that does not answer closes the client at once and says why in one log line")
    void upstreamFails() throws Exception {
        TcpForwarder f = forwarder(() -> {
            throw new ConnectException("Connection refused");
        });
        InetSocketAddress at = f.addresses().get(0);
        try (Socket c = new Socket(at.getAddress(), at.getPort())) { // as an SSH client waits for the banner
            c.setSoTimeout(10_000);
            assertEquals(-1, c.getInputStream().read());
        }
        assertEquals(List.of("route0: the guest did not answer: Connection refused"), log);
        assertEquals("got 2: ok", exchange(forwarder(upstreamTo(guest())).addresses().get(0), "ok"), "others go on");
    }

    private static Upstream upstreamTo(InetSocketAddress g) {
        return () -> SocketChannel.open(g);
    }

    @Test
    @DisplayName("binding is all or none: a port in use fails the whole forwarder, naming it, and frees the others")
    void bindAllOrNone() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            free = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            HyperlabException e = assertThrows(HyperlabException.class, () -> TcpForwarder.bind(List.of(
                    new TcpForwarder.Route("127.0.0.1:" + free + " -> web:22", new InetSocketAddress(LOOPBACK, free),
                            upstreamTo(guest())),
                    new TcpForwarder.Route("127.0.0.1:" + taken.getLocalPort() + " -> db:22",
                            new InetSocketAddress(LOOPBACK, taken.getLocalPort()), upstreamTo(guest()))), log::add));
            assertEquals(ErrorCode.CONFLICT, e.code());
            assertTrue(e.getMessage().startsWith("forwarding 127.0.0.1:" + taken.getLocalPort() + " -> db:22 failed: "
                    + "cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "), e.getMessage());
            assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        }
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(LOOPBACK, free)); // the first route's port was let go
        }
    }

    @Test
    @DisplayName("close stops listening and ends the clients being served")
    void closeEndsAll() throws Exception {
        ServerSocket silent = new ServerSocket(0, 5, LOOPBACK); // accepts (the kernel does) and never answers
        toClose.add(silent);
        TcpForwarder f = forwarder(upstreamTo((InetSocketAddress) silent.getLocalSocketAddress()));
        InetSocketAddress at = f.addresses().get(0);
        Socket c = new Socket(at.getAddress(), at.getPort());
        toClose.add(c);
        c.setSoTimeout(10_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            while (f.clients() == 0) {
                Thread.sleep(10);
            }
        });
        f.close();
        assertEquals(-1, c.getInputStream().read(), "the client's connection is closed");
        // The listening socket goes with close(); on a loaded host the kernel may take a moment to
        // drop it, so the port is asked again for up to 2 s before this counts as still open.
        boolean refused = false;
        for (int i = 0; i < 200 && !refused; i++) {
            try (Socket again = new Socket(at.getAddress(), at.getPort())) {
                Thread.sleep(10);
            } catch (IOException e) {
                refused = true;
            }
        }
        assertTrue(refused, "nothing listens on " + at + " after close");
    }
}
