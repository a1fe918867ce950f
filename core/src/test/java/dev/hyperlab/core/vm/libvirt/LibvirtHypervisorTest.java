package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.LifecycleEvent;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against libvirt's in-process test driver: no daemon, no QEMU. */
class LibvirtHypervisorTest {
    private LibvirtHypervisor hv;

    @BeforeEach void open() { hv = LibvirtHypervisor.connect("test:///default"); }

    @AfterEach void close() {
        for (VmInfo v : hv.list()) {
            if (v.name().startsWith("hl-t-")) {
                if (v.isRunning()) {
                    hv.destroy(v.name());
                }
                hv.undefine(v.name());
            }
        }
        hv.close();
    }

    @Test
    void defineStartDestroyListWithLabel() {
        hv.define(Specs.spec("hl-t-a", DomainType.QEMU, NetworkSpec.NONE, true));
        VmInfo v = hv.get("hl-t-a");
        assertEquals(GuestState.STOPPED, v.state());
        assertEquals(2, v.vcpus());
        assertEquals(1L << 30, v.memoryBytes());
        assertEquals("iid-hl-t-a", v.label().orElseThrow().instanceId());
        hv.start("hl-t-a", false);
        assertEquals(GuestState.RUNNING, hv.get("hl-t-a").state());
        assertTrue(hv.list().stream().anyMatch(i -> i.name().equals("hl-t-a") && i.isRunning()));
        hv.destroy("hl-t-a");
        assertEquals(GuestState.STOPPED, hv.get("hl-t-a").state());
        hv.undefine("hl-t-a");
        assertTrue(hv.find("hl-t-a").isEmpty());
    }

    @Test
    void agentCommandWithoutAnAgentIsUnavailable() {
        hv.define(Specs.spec("hl-t-ga", DomainType.QEMU, NetworkSpec.NONE, false));
        hv.start("hl-t-ga", false);
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> hv.agentCommand("hl-t-ga", "{\"execute\":\"guest-ping\"}", 1));
        assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
        hv.destroy("hl-t-ga");
        hv.undefine("hl-t-ga");
    }

    @Test
    void defineTwiceIsAConflict() {
        hv.define(Specs.spec("hl-t-b", DomainType.QEMU, NetworkSpec.NONE, false));
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> hv.define(Specs.spec("hl-t-b", DomainType.QEMU, NetworkSpec.NONE, false)));
        assertEquals(ErrorCode.CONFLICT, e.code());
    }

    @Test
    void unknownDomainIsNotFound() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> hv.start("hl-t-nope", false));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertTrue(hv.find("hl-t-nope").isEmpty());
    }

    @Test
    void lifecycleEventsArriveOffTheEventLoopThread() throws Exception {
        BlockingQueue<LifecycleEvent> got = new LinkedBlockingQueue<>();
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        try (AutoCloseable sub = hv.onLifecycle(e -> {
            if (e.domain().equals("hl-t-ev")) {
                got.add(e);
                threads.add(Thread.currentThread().getName());
            }
        })) {
            hv.define(Specs.spec("hl-t-ev", DomainType.QEMU, NetworkSpec.NONE, false));
            hv.start("hl-t-ev", false);
            hv.destroy("hl-t-ev");
            List<String> types = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                LifecycleEvent e = got.poll(10, TimeUnit.SECONDS);
                assertTrue(e != null, "missing event after " + types);
                types.add(e.type());
            }
            assertEquals(List.of("DEFINED", "STARTED", "STOPPED"), types);
            assertFalse(threads.peek().contains("event-loop"), threads.peek());
        }
    }

    @Test
    void timelineIsPersistedInMetadata() {
        hv.define(Specs.spec("hl-t-tl", DomainType.QEMU, NetworkSpec.NONE, false));
        BootTimeline t = BootTimeline.empty().reached(Phase.CREATED, Duration.ZERO)
                .reached(Phase.STARTED, Duration.ofMillis(250));
        hv.saveTimeline("hl-t-tl", t);
        assertEquals(t, hv.get("hl-t-tl").timeline());
        hv.start("hl-t-tl", false);
        BootTimeline t2 = t.reached(Phase.READY, Duration.ofSeconds(90));
        hv.saveTimeline("hl-t-tl", t2);
        assertEquals(t2, hv.get("hl-t-tl").timeline());
        hv.destroy("hl-t-tl");
        assertEquals(t2, hv.get("hl-t-tl").timeline(), "config copy kept after stop");
    }

    @Test
    void snapshotsFormATreeAndDeleteKeepsChildren() {
        hv.define(Specs.spec("hl-t-s", DomainType.QEMU, NetworkSpec.NONE, false));
        hv.createSnapshot("hl-t-s", "one", "first");
        hv.createSnapshot("hl-t-s", "two", "second");
        List<SnapshotInfo> l = hv.listSnapshots("hl-t-s");
        assertEquals(2, l.size());
        SnapshotInfo two = l.stream().filter(s -> s.name().equals("two")).findFirst().orElseThrow();
        assertEquals("one", two.parent().orElseThrow());
        assertTrue(two.current());
        hv.revertSnapshot("hl-t-s", "one");
        assertTrue(hv.listSnapshots("hl-t-s").stream().filter(s -> s.name().equals("one")).findFirst().orElseThrow().current());
        hv.deleteSnapshot("hl-t-s", "one");
        List<SnapshotInfo> after = hv.listSnapshots("hl-t-s");
        assertEquals(List.of("two"), after.stream().map(SnapshotInfo::name).toList());
        assertTrue(after.get(0).parent().isEmpty(), "child re-parented to the root");
        assertEquals(ErrorCode.NOT_FOUND,
                assertThrows(HyperlabException.class, () -> hv.revertSnapshot("hl-t-s", "one")).code(),
                () -> { try { hv.revertSnapshot("hl-t-s", "one"); return ""; } catch (HyperlabException x) { return x.getMessage(); } });
    }

    @Test
    void everyHandleTakenIsFreed() {
        int taken0 = hv.handlesTaken();
        int freed0 = hv.handlesFreed();
        hv.define(Specs.spec("hl-t-f", DomainType.QEMU, NetworkSpec.NONE, false));
        hv.start("hl-t-f", false);
        hv.list();
        hv.createSnapshot("hl-t-f", "s", "");
        hv.listSnapshots("hl-t-f");
        hv.destroy("hl-t-f");
        assertThrows(HyperlabException.class, () -> hv.revertSnapshot("hl-t-f", "missing"));
        int taken = hv.handlesTaken() - taken0;
        assertNotEquals(0, taken);
        assertEquals(taken, hv.handlesFreed() - freed0);
    }

    @Test
    void overlaysInATestPool() {
        hv.ensurePool("hl-t-pool", "/hl-t-pool");
        hv.ensurePool("hl-t-pool", "/hl-t-pool"); // idempotent
        var ref = hv.createOverlay("hl-t-pool", "g.qcow2", "/base.qcow2", 2L << 30);
        assertEquals("g.qcow2", ref.name());
        assertTrue(hv.listVolumes("hl-t-pool").stream().anyMatch(v -> v.name().equals("g.qcow2")));
        hv.deleteVolume("hl-t-pool", "g.qcow2");
        hv.deleteVolume("hl-t-pool", "g.qcow2"); // nothing there: no error
        assertTrue(hv.listVolumes("hl-t-pool").stream().noneMatch(v -> v.name().equals("g.qcow2")));
    }
}
