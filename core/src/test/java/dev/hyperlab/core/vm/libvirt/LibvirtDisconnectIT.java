package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.vm.DomainChange;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real daemon drops hyperlab's connection ({@code virt-admin client-disconnect}, what a libvirtd
 * restart does to it, without restarting anything or booting a guest, so no IT lock is needed): the
 * close callback notices, the adapter reconnects in the background, and events subscribed before
 * the drop arrive on the new connection.
 */
class LibvirtDisconnectIT {
    private static final String URI = "qemu:///system";

    @Test
    @DisplayName("a connection the daemon drops comes back by itself, with its event callbacks")
    void droppedConnectionComesBackWithItsCallbacks() throws Exception {
        String name = "t-adapter-dc-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        BlockingQueue<DomainChange> changes = new LinkedBlockingQueue<>();
        // Other tests in this JVM may hold connections of their own: the adapter's are the ones that
        // appear when it connects.
        Set<String> others = ourClients();
        try (LibvirtHypervisor hv = LibvirtHypervisor.connect(URI);
             AutoCloseable sub = hv.onChange(changes::add)) {
            int before = hv.connection().generation();
            Set<String> mine = ourClients();
            mine.removeAll(others);
            assertFalse(mine.isEmpty(), "libvirtd lists no new client of this process");
            for (String client : mine) {
                assertEquals(0, run("virt-admin", "client-disconnect", "libvirtd", client).exit);
            }
            await(changes, c -> c.kind() == DomainChange.Kind.CONNECTION, "the drop is noticed");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!hv.connectionStatus().up() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(hv.connectionStatus().up(), "reconnected in the background: " + hv.connectionStatus());
            assertEquals(before + 1, hv.connection().generation());
            changes.clear();
            hv.define(Specs.spec(name, DomainType.QEMU, NetworkSpec.NONE, false));
            try {
                await(changes, c -> c.kind() == DomainChange.Kind.LIFECYCLE && c.domain().orElse("").equals(name),
                        "an event after the reconnect");
                assertTrue(hv.allDomainStats().stream().anyMatch(s -> s.name().equals(name)));
            } finally {
                hv.undefine(name);
            }
            assertFalse(hv.find(name).isPresent());
        }
    }

    /** The ids libvirtd gave this JVM's connections (the clients whose process id is ours). */
    private static Set<String> ourClients() throws Exception {
        long pid = ProcessHandle.current().pid();
        Set<String> ids = new HashSet<>();
        for (String line : run("virt-admin", "srv-clients-list", "libvirtd").out.split("\n")) {
            String id = line.trim().split("\\s+")[0];
            if (id.matches("[0-9]+") && run("virt-admin", "client-info", "libvirtd", id).out
                    .matches("(?s).*unix_process_id\\s*:\\s*" + pid + "\\b.*")) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static void await(BlockingQueue<DomainChange> q, Predicate<DomainChange> what, String why)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            DomainChange c = q.poll(1, TimeUnit.SECONDS);
            if (c != null && what.test(c)) {
                return;
            }
        }
        throw new AssertionError("timed out waiting for " + why);
    }

    private record Result(int exit, String out) {}

    private static Result run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        return new Result(p.exitValue(), out);
    }
}
