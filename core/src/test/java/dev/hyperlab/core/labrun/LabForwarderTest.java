package dev.hyperlab.core.labrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.forward.NetnsSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder process's body on loopback: a banner server stands in for both guests' sshd, a fake
 * {@link NetnsSockets} for the container's namespace (it records the PID and address it was asked for).
 */
class LabForwarderTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir Path data;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> netnsAsked = new CopyOnWriteArrayList<>();
    private ServerSocket sshd;
    private LabStates states;
    private LabForwards forwards;
    private Optional<Integer> dbPid = Optional.of(4242);
    private LabForwarder forwarder;

    @BeforeEach void guests() throws IOException {
        sshd = new ServerSocket(0, 50, LOOPBACK);
        Thread t = new Thread(() -> {
            while (!sshd.isClosed()) {
                try (Socket c = sshd.accept()) {
                    c.getOutputStream().write("SSH-2.0-fake\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        states = new LabStates(data);
        forwards = new LabForwards(data, List.of());
    }

    @AfterEach void close() throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
        sshd.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    /** web (a VM at 127.0.0.1 on lan, whose bridge is hlbr) and db (a system container at 192.168.150.11). */
    private void lab(int webPort, int dbPort) {
        states.save(new LabState("l", "/x/hyperlab.yaml", "iid",
                Map.of("lan", new LabState.Net("192.168.150.0/24", "hlbr", "hl-l-lan", "hl-l-lan")), Map.of())
                .withGuest("web", new LabState.Guest("vm", Map.of("ports", "[127.0.0.1:" + webPort + ":" + sshd.getLocalPort() + "]"),
                        Map.of("lan", "127.0.0.1"), 1.0))
                .withGuest("db", new LabState.Guest("system", Map.of("ports", "[127.0.0.1:" + dbPort + ":22]"),
                        Map.of("lan", "192.168.150.11"), 1.0)));
    }

    private LabForwarder forwarder(String bridgeHere) {
        NetnsSockets netns = new NetnsSockets() {
            @Override public SocketChannel connect(int pid, InetSocketAddress to, Duration timeout) throws IOException {
                netnsAsked.add(pid + " " + to.getAddress().getHostAddress() + ":" + to.getPort());
                return SocketChannel.open(sshd.getLocalSocketAddress());
            }

            @Override public void close() { }
        };
        forwarder = new LabForwarder(states, forwards, netns, name -> name.equals("db") ? dbPid : Optional.empty(),
                bridgeHere::equals, log::add);
        return forwarder;
    }

    private static String banner(int port) throws IOException {
        try (Socket c = new Socket(LOOPBACK, port)) {
            c.setSoTimeout(10_000);
            return new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    @Test
    @DisplayName("both guests answer on their host ports: the VM at its lab address, the container from its namespace; the pid file names the forwarder")
    void forwardsToBoth() throws Exception {
        int web = freePort();
        int db = freePort();
        lab(web, db);
        List<LabForwards.Forward> served = forwarder("hlbr").open("l", 777);
        assertEquals(java.util.stream.Stream.of("127.0.0.1:" + web + " -> web:" + sshd.getLocalPort(),
                "127.0.0.1:" + db + " -> db:22").sorted(java.util.Comparator.comparingInt(d -> Integer.parseInt(
                        d.substring(d.indexOf(':') + 1, d.indexOf(' '))))).toList(),
                served.stream().map(LabForwards.Forward::describe).toList(), "by host port");
        assertEquals("SSH-2.0-fake", banner(web));
        assertEquals("SSH-2.0-fake", banner(db));
        assertEquals(List.of("4242 192.168.150.11:22"), netnsAsked, "the container is reached at its lab address inside its namespace");
        assertTrue(forwards.pidFileNames("l", 777));
        StringBuilder pidFile = new StringBuilder("777\n");
        served.forEach(f -> pidFile.append(f.line()).append('\n'));
        assertEquals(pidFile.toString(), Files.readString(forwards.pidFile("l")));
        assertTrue(pidFile.toString().contains("127.0.0.1:" + web + ":" + sshd.getLocalPort() + " web\n")
                && pidFile.toString().contains("127.0.0.1:" + db + ":22 db\n"), pidFile.toString());

        dbPid = Optional.empty(); // the container stopped: its clients are closed, with a line in the log
        assertEquals("", banner(db));
        assertTrue(log.contains("127.0.0.1:" + db + " -> db:22: the guest did not answer: container db is not running"),
                log.toString());
    }

    @Test
    @DisplayName("a VM whose lab bridge is not in this network namespace is refused before any port is bound")
    void bridgeElsewhere() throws Exception {
        int web = freePort();
        int db = freePort();
        lab(web, db);
        HyperlabException e = assertThrows(HyperlabException.class, () -> forwarder("other").open("l", 777));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("the bridge hlbr of lab network lan is not in this network namespace (libvirtd runs in another one), "
                + "so VM web cannot be reached from here", e.getMessage());
        assertFalse(Files.exists(forwards.pidFile("l")));
        for (int p : List.of(web, db)) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(LOOPBACK, p)); // free: nothing was bound
            }
        }
    }

    @Test
    @DisplayName("the forwarder ends by itself once the lab's state is gone, and removes its pid file and listeners")
    void endsWithTheLab() throws Exception {
        int web = freePort();
        int db = freePort();
        lab(web, db);
        LabForwarder f = forwarder("hlbr");
        f.open("l", 777);
        Thread serving = new Thread(() -> f.serveUntilDown(Duration.ofMillis(20)));
        serving.start();
        states.remove("l");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> serving.join());
        assertFalse(Files.exists(forwards.pidFile("l")));
        assertTrue(log.contains("lab l is down: stopping"), log.toString());
        List<Integer> free = new ArrayList<>();
        for (int p : List.of(web, db)) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(LOOPBACK, p));
                free.add(p);
            }
        }
        assertEquals(List.of(web, db), free);
    }

    @Test
    @DisplayName("a lab that is not up, or forwards nothing, is an error naming it")
    void nothingToServe() {
        assertEquals("lab 'l' is not up", assertThrows(HyperlabException.class, () -> forwarder("hlbr").open("l", 1)).getMessage());
        states.save(new LabState("l", "/x/hyperlab.yaml", "iid", Map.of(), Map.of()));
        assertEquals("lab 'l' forwards no ports", assertThrows(HyperlabException.class,
                () -> forwarder("hlbr").open("l", 1)).getMessage());
    }
}
