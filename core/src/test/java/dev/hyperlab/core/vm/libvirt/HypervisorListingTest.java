package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.DomainChange;
import dev.hyperlab.core.vm.DomainStats;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VmInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The port's bulk listing and change subscription, as the TUI and {@code hyperlab list} use them, on test:///default. */
class HypervisorListingTest {
    private LibvirtHypervisor hv;

    @BeforeEach void open() { hv = LibvirtHypervisor.connect("test:///default"); }

    @AfterEach void close() {
        for (VmInfo v : hv.list()) {
            if (v.name().startsWith("hl-t-ls-")) {
                if (v.isRunning()) {
                    hv.destroy(v.name());
                }
                hv.undefine(v.name());
            }
        }
        hv.close();
    }

    private Map<String, DomainStats> stats() {
        return hv.allDomainStats().stream().collect(Collectors.toMap(DomainStats::name, Function.identity()));
    }

    @Test
    @DisplayName("the bulk listing says what a lookup of each domain says")
    void bulkListingAgreesWithLookups() {
        hv.define(Specs.spec("hl-t-ls-a", DomainType.QEMU, NetworkSpec.NONE, false));
        hv.define(Specs.spec("hl-t-ls-b", DomainType.QEMU, NetworkSpec.NONE, false));
        hv.start("hl-t-ls-b", false);
        Map<String, DomainStats> s = stats();
        for (DomainStats row : s.values()) {
            VmInfo b = row.info();
            VmInfo v = hv.find(b.name()).orElseThrow(); // one domain at a time: the independent path
            assertEquals(v.state(), b.state(), v.name());
            assertEquals(v.vcpus(), b.vcpus(), v.name());
            assertEquals(v.memoryBytes(), b.memoryBytes(), v.name());
            assertEquals(v.uuid(), b.uuid(), v.name());
            assertEquals(v.label(), b.label(), v.name());
        }
        assertTrue(s.containsKey("test") && s.containsKey("hl-t-ls-a"), s.keySet().toString());
        assertEquals(GuestState.RUNNING, s.get("hl-t-ls-b").info().state());
        assertEquals("debian-12", s.get("hl-t-ls-a").info().label().orElseThrow().image());
    }

    @Test
    @DisplayName("a saved timeline and a start reach a cached listing through change events")
    void changesReachTheCachedListing() throws Exception {
        hv.define(Specs.spec("hl-t-ls-c", DomainType.QEMU, NetworkSpec.NONE, false));
        BlockingQueue<DomainChange> changes = new LinkedBlockingQueue<>();
        try (AutoCloseable sub = hv.onChange(changes::add)) {
            assertEquals(GuestState.STOPPED, stats().get("hl-t-ls-c").info().state()); // now cached
            hv.start("hl-t-ls-c", false);
            awaitChange(changes, "hl-t-ls-c", DomainChange.Kind.LIFECYCLE);
            assertEquals(GuestState.RUNNING, stats().get("hl-t-ls-c").info().state());
            BootTimeline t = BootTimeline.empty().reached(Phase.READY, Duration.ofMillis(4321));
            hv.saveTimeline("hl-t-ls-c", t);
            awaitChange(changes, "hl-t-ls-c", DomainChange.Kind.METADATA);
            awaitListed(t);
        }
    }

    /** The listing's own subscription and the test's are separate: wait until the listing saw it too. */
    private void awaitListed(BootTimeline t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (stats().get("hl-t-ls-c").info().timeline().equals(t)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the listing still shows the old timeline: " + stats().get("hl-t-ls-c"));
    }

    private static void awaitChange(BlockingQueue<DomainChange> q, String name, DomainChange.Kind kind)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            DomainChange c = q.poll(1, TimeUnit.SECONDS);
            if (c != null && c.kind() == kind && c.concerns(name)) {
                return;
            }
        }
        throw new AssertionError("no " + kind + " change for " + name);
    }

    @Test
    @DisplayName("the listing's numbers come from one bulk call, not one round trip per domain")
    void listingTakesNoHandlePerDomainOnceCached() {
        hv.define(Specs.spec("hl-t-ls-d", DomainType.QEMU, NetworkSpec.NONE, false));
        hv.start("hl-t-ls-d", false);
        List<DomainStats> first = hv.allDomainStats(); // reads and caches sizes and metadata
        int before = hv.handlesTaken();
        List<DomainStats> again = hv.allDomainStats();
        assertEquals(first.size(), again.size());
        assertEquals(before, hv.handlesTaken(), "a warm listing looks no domain up");
        assertTrue(again.stream().anyMatch(s -> s.name().equals("hl-t-ls-d")));
    }

    /**
     * The test driver drops QEMU's command line, where the forward lives, so this reads what the real
     * driver returns: the XML hyperlab defines.
     */
    @Test
    @DisplayName("the listing reads a VM's forwarded SSH port with its metadata, once; none without a user-mode NIC")
    void sshPortIsReadWithTheMetadata() {
        String nat = DomainXmlBuilder.build(Specs.spec("hl-t-ls-n", DomainType.QEMU, new NetworkSpec.UserNat(2231), true));
        assertEquals(java.util.Optional.of(2231), DomainListing.metadataOf("hl-t-ls-n", "u", nat).sshPort());
        assertEquals("iid-hl-t-ls-n", DomainListing.metadataOf("hl-t-ls-n", "u", nat).label().orElseThrow().instanceId());
        String none = DomainXmlBuilder.build(Specs.spec("hl-t-ls-o", DomainType.QEMU, NetworkSpec.NONE, true));
        assertEquals(java.util.Optional.empty(), DomainListing.metadataOf("hl-t-ls-o", "u", none).sshPort());
        String foreign = "<domain type='qemu'><name>x</name><qemu:commandline xmlns:qemu='q'><qemu:arg "
                + "value='user,id=n,hostfwd=tcp:127.0.0.1:2200-:22'/></qemu:commandline></domain>";
        assertEquals(java.util.Optional.empty(), DomainListing.metadataOf("x", "u", foreign).sshPort(),
                "a domain hyperlab did not make is not parsed at all");
    }
}
