package dev.hyperlab.core.labrun;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.forward.NetnsSockets;
import dev.hyperlab.core.forward.TcpForwarder;
import dev.hyperlab.core.forward.Upstream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The forwarder process of one lab ({@code hyperlab __forward --data DATA LAB}, started by {@link
 * LabForwards}): reads the lab's state, listens on every forward's host address, writes the pid file,
 * and copies TCP to the guests until the lab is down.
 *
 * <p>Where a client goes:
 * <ul>
 *   <li>a VM: its address on its first lab network, from this process's network namespace, which is
 *       the one {@code up} ran in. The VM is reached through the lab's bridge, so the bridge must be
 *       in that namespace; when it is not (libvirtd runs in another one), the forwarder refuses to
 *       start rather than send the lab's private address out of the host's default route;
 *   <li>a container: its lab address (its loopback when it has none), from inside its own network
 *       namespace ({@link NetnsSockets}, through the PID of its first process, asked of the engine
 *       for each client, so a container started anew is found). A macvlan container is not reachable
 *       from the host's namespace at all: macvlan keeps the parent bridge from its children.
 * </ul>
 * It ends by itself when the lab's state file is gone or its pid file names another process.
 */
public final class LabForwarder implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final LabStates states;
    private final LabForwards forwards;
    private final NetnsSockets netns;
    private final Function<String, Optional<Integer>> containerPid;
    private final Predicate<String> interfaceHere;
    private final Consumer<String> log;
    private volatile TcpForwarder running;
    private volatile String lab;
    private volatile long pid;

    /**
     * @param containerPid  a running container's first process, by name (empty when it does not run)
     * @param interfaceHere whether a network interface of that name is in this process's network namespace
     * @param log           one line per event, to the forwarder's log
     */
    public LabForwarder(LabStates states, LabForwards forwards, NetnsSockets netns,
                        Function<String, Optional<Integer>> containerPid, Predicate<String> interfaceHere, Consumer<String> log) {
        this.states = states;
        this.forwards = forwards;
        this.netns = netns;
        this.containerPid = containerPid;
        this.interfaceHere = interfaceHere;
        this.log = log;
    }

    /** Whether an interface is in this process's network namespace: {@code /proc/self/net/dev} lists its own. */
    public static boolean interfaceInThisNamespace(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/net/dev"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(name)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /**
     * Listens on every forward of {@code lab}, or on none (a HyperlabException says why), then writes
     * the pid file naming {@code pid}. Returns what it serves.
     */
    public List<LabForwards.Forward> open(String lab, long pid) {
        LabState st = states.find(lab).orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND, "lab '" + lab
                + "' is not up", "try 'hyperlab up'"));
        List<LabForwards.Forward> want = LabForwards.wanted(st);
        if (want.isEmpty()) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "lab '" + lab + "' forwards no ports", "try ports: in its lab file");
        }
        List<TcpForwarder.Route> routes = new ArrayList<>();
        for (LabForwards.Forward f : want) {
            routes.add(new TcpForwarder.Route(f.describe(), new InetSocketAddress(address(f.port().hostAddress()),
                    f.port().hostPort()), upstream(st, f)));
        }
        TcpForwarder fw = TcpForwarder.bind(routes, log::accept);
        fw.start();
        this.lab = lab;
        this.pid = pid;
        this.running = fw;
        forwards.writePidFile(lab, pid, want);
        want.forEach(f -> log.accept("forwarding " + f.describe()));
        return want;
    }

    private Upstream upstream(LabState st, LabForwards.Forward f) {
        LabState.Guest g = st.guests().get(f.guest());
        Optional<Map.Entry<String, String>> first = g.addresses().entrySet().stream().findFirst();
        int port = f.port().guestPort();
        if (g.kind().equals("vm")) {
            if (first.isEmpty()) {
                throw HyperlabException.badInput("VM " + f.guest() + " of lab " + st.lab() + " is on no lab network, so "
                        + f.describe() + " has nowhere to go", "try networks: for " + f.guest());
            }
            LabState.Net net = st.networks().get(first.get().getKey());
            if (net == null || !interfaceHere.test(net.bridge())) {
                throw new HyperlabException(ErrorCode.CONFLICT, "the bridge " + (net == null ? "?" : net.bridge())
                        + " of lab network " + first.get().getKey() + " is not in this network namespace (libvirtd runs in "
                        + "another one), so VM " + f.guest() + " cannot be reached from here",
                        "try running 'hyperlab up' where libvirtd runs, e.g. scripts/sandbox.sh exec hyperlab up");
            }
            InetSocketAddress to = new InetSocketAddress(address(first.get().getValue()), port);
            return () -> {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.INET);
                try {
                    ch.socket().connect(to, (int) CONNECT_TIMEOUT.toMillis());
                    return ch;
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
            };
        }
        InetSocketAddress to = new InetSocketAddress(address(first.map(Map.Entry::getValue).orElse("127.0.0.1")), port);
        String name = f.guest();
        return () -> {
            int p = containerPid.apply(name).orElseThrow(() -> new IOException("container " + name + " is not running"));
            return netns.connect(p, to, CONNECT_TIMEOUT);
        };
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip); // a dotted quad: no name lookup
        } catch (java.net.UnknownHostException e) {
            throw HyperlabException.badInput("bad address " + ip, null);
        }
    }

    /**
     * Serves until the lab's state file is gone or its pid file stops naming this process, looking every
     * {@code every}; then closes. Interrupting the calling thread ends it too.
     */
    public void serveUntilDown(Duration every) {
        try {
            while (stillMine()) {
                Thread.sleep(every.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private boolean stillMine() {
        try {
            if (states.find(lab).isEmpty()) {
                log.accept("lab " + lab + " is down: stopping");
                return false;
            }
        } catch (HyperlabException e) {
            return true; // a state file being rewritten or broken: 'down' and 'gc' decide, not a read that failed
        }
        if (!forwards.pidFileNames(lab, pid)) {
            log.accept(forwards.pidFile(lab) + " does not name this process (" + pid + "): stopping");
            return false;
        }
        return true;
    }

    /** Stops listening, ends every client, and removes the pid file when it names this process. */
    @Override
    public synchronized void close() {
        TcpForwarder fw = running;
        if (fw == null) {
            return;
        }
        running = null;
        fw.close();
        netns.close();
        forwards.removePidFileOf(lab, pid);
        log.accept("stopped");
    }
}
