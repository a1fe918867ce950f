package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.ConnectionStatus;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.LifecycleEvent;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.model.ReconnectPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The reconnect policy of the one libvirt connection, on test:///default with a connector that can
 * play a daemon that is away, and a fake clock: no test sleeps through a backoff.
 */
class LibvirtConnectionTest {
    /** Long real delays: the background retry never fires during a test, only the calls' own waits do. */
    private static final ReconnectPolicy SLOW = new ReconnectPolicy(Duration.ofHours(1), Duration.ofHours(16),
            Duration.ofHours(40));

    /** test:///default while {@code up}; "connection refused" otherwise. Counts attempts. */
    private static final class Daemon implements LibvirtConnection.Connector {
        final AtomicBoolean up = new AtomicBoolean(true);
        final AtomicInteger attempts = new AtomicInteger();
        /** Brings the daemon back after this many failed attempts (-1: never). */
        volatile int backAfter = -1;

        @Override public Connect open(String uri) throws LibvirtException {
            int n = attempts.incrementAndGet();
            if (!up.get() && backAfter >= 0 && n > backAfter) {
                up.set(true);
            }
            return new Connect(up.get() ? "test:///default" : "qemu+unix:///system?socket=/nonexistent/hl-t-adapter.sock");
        }
    }

    @Test
    @DisplayName("the CLI's connection fails at once, in one line, when libvirt does not answer")
    void firstFailureIsAnErrorForTheCli() {
        Daemon d = new Daemon();
        d.up.set(false);
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> LibvirtHypervisor.open("test:///default", d, SLOW, new FakeClock(), true));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(1, d.attempts.get());
    }

    @Test
    @DisplayName("a call made while libvirtd is away waits with backoff and runs once it is back")
    void callWaitsForTheDaemonWithBackoff() {
        Daemon d = new Daemon();
        d.up.set(false);
        d.backAfter = 4; // at start, the background retry, and the call's first two attempts fail; the 5th works
        FakeClock clock = new FakeClock();
        try (LibvirtHypervisor hv = LibvirtHypervisor.open("test:///default", d, SLOW, clock, false)) {
            assertFalse(hv.connectionStatus().up(), "starts down, no error");
            assertTrue(hv.find("test").isPresent(), "the call ran once the daemon was back");
            assertTrue(hv.connectionStatus().up());
            // The waits after failed attempts 3 and 4 follow the policy: 4 h, then 8 h.
            assertEquals(List.of(Duration.ofHours(4), Duration.ofHours(8)), clock.sleeps());
        }
    }

    @Test
    @DisplayName("a daemon that stays away fails the call after the policy's window, in one line")
    void callGivesUpAfterTheWindow() {
        Daemon d = new Daemon();
        d.up.set(false);
        FakeClock clock = new FakeClock();
        try (LibvirtHypervisor hv = LibvirtHypervisor.open("test:///default", d, SLOW, clock, false)) {
            HyperlabException e = assertThrows(HyperlabException.class, hv::list);
            assertEquals(ErrorCode.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("did not come back within 144000 s"), e.getMessage());
            long slept = clock.sleeps().stream().mapToLong(Duration::toHours).sum();
            assertEquals(40, slept, "it waited the window, no longer: " + clock.sleeps());
        }
    }

    @Test
    @DisplayName("after a lost connection, events registered before still arrive on the new one")
    void callbacksAreRegisteredAgainAfterAReconnect() throws Exception {
        Daemon d = new Daemon();
        BlockingQueue<ConnectionStatus> statuses = new LinkedBlockingQueue<>();
        BlockingQueue<LifecycleEvent> events = new LinkedBlockingQueue<>();
        try (LibvirtHypervisor hv = LibvirtHypervisor.open("test:///default", d, SLOW, new FakeClock(), true);
             AutoCloseable sub = hv.onLifecycle(events::add);
             AutoCloseable st = hv.connection().onStatus(statuses::add)) {
            d.up.set(false);
            hv.connection().lost("libvirtd restarted (test)");
            ConnectionStatus down = statuses.poll(5, TimeUnit.SECONDS);
            assertNotNull(down);
            assertFalse(down.up());
            assertFalse(hv.connectionStatus().up());
            d.up.set(true);
            hv.define(Specs.spec("hl-t-adapter-re", DomainType.QEMU, NetworkSpec.NONE, false));
            try {
                ConnectionStatus back = statuses.poll(5, TimeUnit.SECONDS);
                assertNotNull(back);
                assertTrue(back.up());
                assertTrue(statuses.isEmpty(), "one message per change of state: " + statuses);
                hv.start("hl-t-adapter-re", false);
                assertEventFor(events, "hl-t-adapter-re");
                assertTrue(d.attempts.get() >= 2);
            } finally {
                hv.destroy("hl-t-adapter-re");
                hv.undefine("hl-t-adapter-re");
            }
        }
    }

    @Test
    @DisplayName("a stream can tell that its connection was replaced (the console then opens again)")
    void streamsTellAStaleConnection() throws Exception {
        Daemon d = new Daemon();
        try (LibvirtHypervisor hv = LibvirtHypervisor.open("test:///default", d, SLOW, new FakeClock(), true)) {
            LibvirtConnection c = hv.connection();
            int before = c.generation();
            c.lost("test");
            hv.find("test"); // reconnects
            assertEquals(before + 1, c.generation());
            assertFalse(c.isCurrent(before), "a stream of the old connection knows it is stale");
            assertTrue(c.isCurrent(c.generation()));
        }
    }

    private static void assertEventFor(BlockingQueue<LifecycleEvent> events, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            LifecycleEvent e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && e.domain().equals(name)) {
                return;
            }
        }
        throw new AssertionError("no lifecycle event for " + name + " after the reconnect");
    }
}
