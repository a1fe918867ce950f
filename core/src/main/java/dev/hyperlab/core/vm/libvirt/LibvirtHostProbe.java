package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.host.LibvirtFacts;
import dev.hyperlab.core.host.LibvirtHostFacts;
import dev.hyperlab.core.host.linux.LibvirtProbe;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;

/** What one libvirt host, local or remote, tells about itself through a read-only connection. */
public final class LibvirtHostProbe {
    private LibvirtHostProbe() {}

    /**
     * One host's facts through a read-only connection, given up after {@code within}: an SSH host
     * that does not answer can hold a connect for minutes, and {@code host list} asks every host at once.
     * The connect runs on a daemon thread that is left to finish on its own.
     */
    public static LibvirtHostFacts host(String uri, String pool, Duration within) {
        return hosts(java.util.List.of(uri), pool, within).get(0);
    }

    /** Several hosts' facts, all asked at once and each given up after {@code within} from the start. */
    public static java.util.List<LibvirtHostFacts> hosts(java.util.List<String> uris, String pool, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        java.util.List<CompletableFuture<LibvirtHostFacts>> asked = uris.stream()
                .map(uri -> dev.hyperlab.core.wait.DaemonTask.start("libvirt-probe", () -> hostNow(uri, pool))).toList();
        java.util.List<LibvirtHostFacts> out = new java.util.ArrayList<>();
        for (int i = 0; i < uris.size(); i++) {
            out.add(await(asked.get(i), uris.get(i), Math.max(0, deadline - System.nanoTime()), within));
        }
        return out;
    }

    private static LibvirtHostFacts await(CompletableFuture<LibvirtHostFacts> f, String uri, long nanos, Duration within) {
        try {
            return f.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return LibvirtHostFacts.unreachable(uri, "no answer within " + within.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LibvirtHostFacts.unreachable(uri, "interrupted");
        } catch (ExecutionException e) {
            return LibvirtHostFacts.unreachable(uri, LibvirtProbe.firstLine(String.valueOf(e.getCause())));
        }
    }

    private static final Pattern POOL_PATH = Pattern.compile("<path>([^<]*)</path>");

    private static LibvirtHostFacts hostNow(String uri, String poolName) {
        Connect conn = null;
        LibvirtEventLoop.silenceErrors();
        try {
            conn = new Connect(uri, true);
            LibvirtFacts facts = new LibvirtFacts(uri, Optional.empty(), Optional.of(LibvirtProbe.version(conn.getLibVersion())),
                    Optional.of(LibvirtProbe.version(conn.getVersion())));
            String caps = conn.getCapabilities();
            boolean kvm = dev.hyperlab.core.host.HostCapabilities.kvmUsable(caps);
            NodeInfo node = conn.nodeInfo();
            // virNodeGetInfo misses hot-plugged memory; the memory stats do not
            long memory = NodeMemoryStats.read(Handles.of(conn)).map(dev.hyperlab.core.vm.HostMemory::totalBytes)
                    .orElse(node.memory * 1024L);
            Optional<LibvirtHostFacts.PoolFacts> pool = Optional.empty();
            try {
                StoragePool p = conn.storagePoolLookupByName(poolName);
                try {
                    StoragePoolInfo info = p.getInfo();
                    Matcher m = POOL_PATH.matcher(p.getXMLDesc(0));
                    pool = Optional.of(new LibvirtHostFacts.PoolFacts(poolName, m.find() ? m.group(1) : "?",
                            info.state == StoragePoolInfo.StoragePoolState.VIR_STORAGE_POOL_RUNNING,
                            info.capacity, info.available));
                } finally {
                    p.free();
                }
            } catch (LibvirtException noPool) {
                // no pool of that name yet: the first create on that host makes it
            }
            return new LibvirtHostFacts(facts, conn.getHostName(), kvm, node.cpus, memory, pool);
        } catch (LibvirtException | RuntimeException | UnsatisfiedLinkError e) {
            return LibvirtHostFacts.unreachable(uri, LibvirtProbe.firstLine(e.getMessage()));
        } finally {
            if (conn != null) {
                try {
                    conn.close();
                } catch (LibvirtException ignored) {
                    // closing a probe connection has nothing left to report
                }
            }
        }
    }

}
