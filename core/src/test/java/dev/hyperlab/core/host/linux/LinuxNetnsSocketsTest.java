package dev.hyperlab.core.host.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sockets made in another network namespace: a {@code sleep} in a namespace of its own (made by
 * {@code unshare --net}, its loopback up) stands in for a container. Needs root, as the forwarder does.
 */
class LinuxNetnsSocketsTest {
    private Process holder;
    private int pid;
    private ServerSocketChannel server;

    @BeforeEach void namespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "joining a network namespace needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")) || Files.isExecutable(Path.of("/bin/unshare")), "no unshare");
        holder = new ProcessBuilder("unshare", "--net", "--", "sh", "-c", "ip link set lo up && echo ready && exec sleep 300")
                .redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("ready", first, "the namespace holder did not start");
        pid = (int) holder.pid();
        // A listener inside the namespace, made by a thread that joined it (the test's own threads stay put).
        CompletableFuture<ServerSocketChannel> made = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                LinuxNetnsSockets.join(pid, LinuxNetnsSockets.namespaceOf(pid));
                ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                made.complete(s);
            } catch (IOException e) {
                made.completeExceptionally(e);
            }
        });
        t.start();
        server = made.get(10, TimeUnit.SECONDS);
    }

    @AfterEach void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (holder != null) {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("a socket made in a process's namespace reaches that namespace's loopback, which the host's does not")
    void connectsInsideTheNamespace() throws Exception {
        assertNotEquals(LinuxNetnsSockets.currentNamespace(), LinuxNetnsSockets.namespaceOf(pid));
        InetSocketAddress there = (InetSocketAddress) server.getLocalAddress();
        try (LinuxNetnsSockets netns = new LinuxNetnsSockets();
             SocketChannel c = netns.connect(pid, there, Duration.ofSeconds(5));
             SocketChannel accepted = server.accept()) {
            c.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer in = ByteBuffer.allocate(4);
            while (in.hasRemaining() && accepted.read(in) >= 0) {
                // read all four bytes
            }
            assertEquals("ping", new String(in.array(), StandardCharsets.UTF_8));
            assertEquals(LinuxNetnsSockets.currentNamespace(), LinuxNetnsSockets.currentNamespace(),
                    "the caller's thread did not move");
            try (SocketChannel again = netns.connect(pid, there, Duration.ofSeconds(5));
                 SocketChannel second = server.accept()) {
                assertTrue(again.isConnected() && second.isConnected(), "the namespace's thread serves a second socket");
            }
        }
        server.configureBlocking(false);
        try (Socket direct = new Socket()) {
            direct.connect(there, 2000);
            assertNull(server.accept(), "a socket of the host's namespace reached the listener inside the other one");
        } catch (IOException expected) {
            // nothing listens on that port in the host's namespace
        }
    }

    @Test
    @DisplayName("a process that is gone, or a namespace that is not the one asked for, is an IOException and no socket")
    void goneOrChanged() throws Exception {
        InetSocketAddress there = (InetSocketAddress) server.getLocalAddress();
        CompletableFuture<String> refused = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                LinuxNetnsSockets.join(pid, "net:[0]");
                refused.complete("joined");
            } catch (IOException e) {
                refused.complete(e.getMessage());
            }
        });
        t.start();
        assertTrue(refused.get(10, TimeUnit.SECONDS).startsWith("process " + pid + " changed its network namespace"),
                refused.get());
        holder.destroy();
        holder.waitFor(10, TimeUnit.SECONDS);
        try (LinuxNetnsSockets netns = new LinuxNetnsSockets()) {
            assertThrows(IOException.class, () -> netns.connect(pid, there, Duration.ofSeconds(2)));
        }
    }
}
