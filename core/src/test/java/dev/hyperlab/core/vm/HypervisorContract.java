package dev.hyperlab.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Hypervisor} promises, as tests: the libvirt adapter runs them against libvirt's
 * test driver, and every double the other tests use runs them too, so a double cannot promise what
 * the adapter does not (or the other way round). Each subclass supplies a hypervisor, a pool
 * directory and a base image a qcow2 overlay can sit on.
 */
public abstract class HypervisorContract {
    protected static final String POOL = "hl-contract";
    private Hypervisor hv;
    private String prefix;

    /** A fresh hypervisor for one test. */
    protected abstract Hypervisor open() throws Exception;

    /** A directory for the pool. */
    protected abstract String poolDir();

    /** A qcow2 file an overlay can be made on. */
    protected abstract String basePath();

    @BeforeEach
    void openHypervisor() throws Exception {
        hv = open();
        prefix = "hl-c-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        hv.ensurePool(POOL, poolDir());
    }

    @AfterEach
    void closeHypervisor() {
        for (VmInfo v : hv.list()) {
            if (v.name().startsWith(prefix)) {
                if (v.isRunning() || v.state() == GuestState.PAUSED) {
                    hv.destroy(v.name());
                }
                hv.undefine(v.name());
            }
        }
        for (VolumeRef v : hv.listVolumes(POOL)) {
            if (v.name().startsWith(prefix)) {
                hv.deleteVolume(POOL, v.name());
            }
        }
        hv.close();
    }

    private String name(String s) { return prefix + s; }

    private DomainSpec spec(String n) {
        VolumeRef overlay = hv.createOverlay(POOL, n + ".qcow2", basePath(), 64L << 20);
        return new DomainSpec(n, DomainType.QEMU, 2, 512L << 20, overlay.path(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), NetworkSpec.NONE, poolDir() + "/" + n + "-console.log",
                new HyperlabLabel("img", Instant.parse("2026-12-04T03:00:00Z"), "iid-" + n, POOL, n + ".qcow2",
                        n + "-seed.iso", poolDir() + "/" + n + "-console.log"));
    }

    private static void notFound(Executable call) {
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(HyperlabException.class, call::execute).code());
    }

    /** JUnit's Executable, without a checked exception. */
    @FunctionalInterface
    private interface Executable { void execute(); }

    @Test
    @DisplayName("a defined domain is found and listed with its label, stopped; the name cannot be defined twice")
    void defineFindListUndefine() {
        String n = name("a");
        hv.define(spec(n));
        VmInfo v = hv.get(n);
        assertEquals(GuestState.STOPPED, v.state());
        assertEquals(2, v.vcpus());
        assertEquals(512L << 20, v.memoryBytes());
        HyperlabLabel l = v.label().orElseThrow();
        assertEquals("iid-" + n, l.instanceId());
        assertEquals(n + ".qcow2", l.overlayVol());
        assertTrue(hv.list().stream().anyMatch(x -> x.name().equals(n)));
        assertTrue(hv.xml(n).contains(n), "its XML names it");
        DomainSpec again = specNamed(n);
        assertEquals(ErrorCode.CONFLICT, assertThrows(HyperlabException.class, () -> hv.define(again)).code());
        hv.undefine(n);
        assertTrue(hv.find(n).isEmpty());
    }

    private DomainSpec specNamed(String n) {
        DomainSpec s = spec(n + "-x");
        return new DomainSpec(n, s.type(), s.vcpus(), s.memoryBytes(), s.overlayPath(), s.seedPath(), s.kernel(), s.initrd(),
                s.cmdline(), s.network(), s.consoleLogPath(), s.label(), s.diskCache(), s.firmware(), s.seedBus());
    }

    @Test
    @DisplayName("what names no domain is NOT_FOUND, for every call that takes a name")
    void unknownNames() {
        String n = name("nope");
        assertTrue(hv.find(n).isEmpty());
        notFound(() -> hv.get(n));
        notFound(() -> hv.start(n, false));
        notFound(() -> hv.destroy(n));
        notFound(() -> hv.undefine(n));
        notFound(() -> hv.inactiveXml(n));
        notFound(() -> hv.listSnapshots(n));
    }

    @Test
    @DisplayName("start runs it, destroy stops it (a paused start needs QEMU: VmLifecycleIT)")
    void lifecycle() {
        String n = name("b");
        hv.define(spec(n));
        hv.start(n, false);
        assertEquals(GuestState.RUNNING, hv.get(n).state());
        assertTrue(hv.get(n).isRunning());
        hv.destroy(n);
        assertEquals(GuestState.STOPPED, hv.get(n).state());
    }

    @Test
    @DisplayName("a saved boot timeline is what a later find shows")
    void timelineIsKept() {
        String n = name("c");
        hv.define(spec(n));
        BootTimeline t = BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(120))
                .reached(Phase.READY, Duration.ofMillis(4500));
        hv.saveTimeline(n, t);
        BootTimeline back = hv.get(n).timeline();
        assertEquals(Optional.of(Duration.ofMillis(120)), back.at(Phase.CREATED));
        assertEquals(Optional.of(Duration.ofMillis(4500)), back.at(Phase.READY));
    }

    @Test
    @DisplayName("volumes: an overlay is listed with its size and backing file; a copy of an existing name is a CONFLICT")
    void volumes() {
        String n = name("d");
        VolumeRef o = hv.createOverlay(POOL, n + ".qcow2", basePath(), 64L << 20);
        assertEquals(64L << 20, o.capacityBytes());
        assertTrue(hv.listVolumes(POOL).stream().anyMatch(v -> v.name().equals(n + ".qcow2")));
        assertEquals(Optional.of(basePath()), hv.backingPath(POOL, n + ".qcow2"));
        notFound(() -> hv.backingPath(POOL, n + "-missing.qcow2"));
        hv.createOverlay(POOL, n + "-2.qcow2", basePath(), 64L << 20);
        assertEquals(ErrorCode.CONFLICT, assertThrows(HyperlabException.class,
                () -> hv.copyVolume(POOL, n + ".qcow2", n + "-2.qcow2")).code());
        hv.deleteVolume(POOL, n + ".qcow2");
        hv.deleteVolume(POOL, n + ".qcow2"); // a second delete is no error
        assertTrue(hv.listVolumes(POOL).stream().noneMatch(v -> v.name().equals(n + ".qcow2")));
    }

    @Test
    @DisplayName("a memory volume has the guest's RAM size, starts empty, is listed, and goes with deleteVolume")
    void memoryVolume() {
        String n = name("m") + "-memory.raw";
        VolumeRef m = hv.createMemoryVolume(POOL, n, 256L << 20).orElseThrow(); // neither host confines QEMU
        assertEquals(256L << 20, m.capacityBytes());
        assertTrue(m.allocationBytes() < 256L << 20, "sparse: " + m.allocationBytes());
        assertTrue(hv.listVolumes(POOL).stream().anyMatch(v -> v.name().equals(n) && v.capacityBytes() == 256L << 20));
        hv.deleteVolume(POOL, n);
        assertTrue(hv.listVolumes(POOL).stream().noneMatch(v -> v.name().equals(n)));
    }

    @Test
    @DisplayName("snapshots: taken from the current one (with the state they were taken in), reverted to (current again), deleted (children re-parented); an unknown one is NOT_FOUND")
    void snapshots() {
        String n = name("e");
        hv.define(spec(n));
        hv.createSnapshot(n, "s1", "first");
        List<SnapshotInfo> s = hv.listSnapshots(n);
        assertEquals(List.of("s1"), s.stream().map(SnapshotInfo::name).toList());
        assertTrue(s.get(0).current());
        assertEquals("first", s.get(0).description());
        assertEquals("shutoff", s.get(0).state(), "libvirt's name for the state it was taken in");
        hv.createSnapshot(n, "s2", "second");
        assertEquals(Optional.of("s1"), snapshot(n, "s2").parent(), "taken from the current one");
        assertTrue(snapshot(n, "s2").current() && !snapshot(n, "s1").current());
        hv.revertSnapshot(n, "s1");
        assertTrue(snapshot(n, "s1").current() && !snapshot(n, "s2").current(), "the one reverted to is current");
        notFound(() -> hv.revertSnapshot(n, "nope"));
        notFound(() -> hv.deleteSnapshot(n, "nope"));
        hv.deleteSnapshot(n, "s1");
        assertEquals(List.of("s2"), hv.listSnapshots(n).stream().map(SnapshotInfo::name).toList());
        assertEquals(Optional.empty(), snapshot(n, "s2").parent(), "a deleted root's child is a root");
        hv.deleteSnapshot(n, "s2");
        assertEquals(List.of(), hv.listSnapshots(n));
    }

    private SnapshotInfo snapshot(String domain, String name) {
        return hv.listSnapshots(domain).stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a clone gets its own name and label, the source's size, and refuses a name that exists")
    void cloneAndResources() {
        String src = name("f");
        hv.define(spec(src));
        String n = name("g");
        VolumeRef copy = hv.createOverlay(POOL, n + ".qcow2", basePath(), 64L << 20);
        HyperlabLabel label = new HyperlabLabel("img", Instant.parse("2026-12-04T03:00:00Z"), "iid-" + n, POOL,
                n + ".qcow2", n + "-seed.iso", poolDir() + "/" + n + "-console.log");
        String srcDisk = hv.get(src).label().map(l -> poolPathOf(l.overlayVol())).orElseThrow();
        hv.defineClone(src, new DomainClone(n, Map.of(srcDisk, copy.path()), poolDir() + "/" + n + "-console.log", label, 0));
        VmInfo c = hv.get(n);
        assertEquals("iid-" + n, c.label().orElseThrow().instanceId());
        assertEquals(2, c.vcpus());
        assertEquals(ErrorCode.CONFLICT, assertThrows(HyperlabException.class, () -> hv.defineClone(src,
                new DomainClone(n, Map.of(srcDisk, copy.path()), poolDir() + "/x.log", label, 0))).code());
        hv.setResources(n, 1, 256L << 20);
        assertEquals(1, hv.get(n).vcpus());
        assertEquals(256L << 20, hv.get(n).memoryBytes());
    }

    private String poolPathOf(String vol) {
        return hv.listVolumes(POOL).stream().filter(v -> v.name().equals(vol)).findFirst().orElseThrow().path();
    }

    @Test
    @DisplayName("lab networks: made once (a second is a CONFLICT), listed with their lab, removed (twice is no error)")
    void labNetworks() {
        String n = name("net");
        LabNetworkSpec spec = new LabNetworkSpec(n, "hl" + prefix.substring(5, 11) + "c", "192.168.250.1", 24,
                "192.168.250.128", "192.168.250.254", false, List.of(), "contract-lab", "iid-" + n);
        hv.createNetwork(spec);
        try {
            assertTrue(hv.labNetworks().stream().anyMatch(i -> i.name().equals(n) && i.lab().equals(spec.lab())));
            assertEquals(ErrorCode.CONFLICT, assertThrows(HyperlabException.class, () -> hv.createNetwork(spec)).code());
        } finally {
            hv.removeNetwork(n);
        }
        hv.removeNetwork(n);
        assertTrue(hv.labNetworks().stream().noneMatch(i -> i.name().equals(n)));
    }

    /**
     * A second host that {@link Hypervisor#migrate} reaches by its URI, or null when this adapter's
     * driver cannot migrate: then only the failure promises below are checked here.
     */
    protected Hypervisor openSecondHost() throws Exception { return null; }

    private static MigrationRequest to(String uri) {
        return new MigrationRequest(uri, true, true, Optional.of("127.0.0.1"), 0, Optional.empty());
    }

    @Test
    @DisplayName("migrate: an unknown name is NOT_FOUND; a target that cannot take the guest fails and it runs on as it was")
    void migrationFailureLeavesTheGuest() {
        String n = name("m1");
        hv.define(spec(n));
        hv.start(n, false);
        notFound(() -> hv.migrate(name("none"), to(hv.uri()), j -> { }, dev.hyperlab.core.model.Cancellation.NONE));
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> hv.migrate(n, to(hv.uri()), j -> { }, dev.hyperlab.core.model.Cancellation.NONE));
        assertEquals(ErrorCode.OPERATION_FAILED, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith("migrating " + n + " to "), e.getMessage());
        assertTrue(hv.get(n).isRunning());
    }

    @Test
    @DisplayName("migrate: the running guest moves with its label and timeline, reports progress and its downtime; its volumes stay here")
    void migrationMovesTheGuest() throws Exception {
        Hypervisor second = openSecondHost();
        org.junit.jupiter.api.Assumptions.assumeTrue(second != null,
                "this driver cannot migrate (libvirt's test driver has no migration): MultiHostIT migrates between two real daemons");
        String n = name("m2");
        try {
            second.ensurePool(POOL, poolDir());
            hv.define(spec(n));
            hv.saveTimeline(n, BootTimeline.empty().reached(Phase.READY, Duration.ofMillis(4500)));
            hv.start(n, false);
            second.createOverlay(POOL, n + ".qcow2", basePath(), 64L << 20); // the caller makes the disk there first
            List<MigrationJob> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            MigrationJob done = hv.migrate(n, to(second.uri()), progress::add, dev.hyperlab.core.model.Cancellation.NONE);
            assertTrue(hv.find(n).isEmpty(), "undefined on the source");
            VmInfo there = second.get(n);
            assertTrue(there.isRunning());
            assertEquals("iid-" + n, there.label().orElseThrow().instanceId());
            assertEquals(Optional.of(Duration.ofMillis(4500)), there.timeline().at(Phase.READY));
            assertTrue(hv.listVolumes(POOL).stream().anyMatch(v -> v.name().equals(n + ".qcow2")), "the source's volume stays");
            assertTrue(done.dataProcessed() > 0);
            assertTrue(!progress.isEmpty());
            assertTrue(second.completedMigration(n).flatMap(MigrationJob::downtime).isPresent());
        } finally {
            if (second.find(n).isPresent()) {
                second.destroy(n);
                second.undefine(n);
            }
            second.deleteVolume(POOL, n + ".qcow2");
            second.close();
        }
    }
}
