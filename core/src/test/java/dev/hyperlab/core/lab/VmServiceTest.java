package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.libvirt.LibvirtHypervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VmService on libvirt's test driver with a real (tiny) qcow2 made by qemu-img and a real seed ISO. */
class VmServiceTest {
    @TempDir Path data;
    private VmService svc;

    @BeforeEach void open() throws Exception { svc = TestDriverVms.open(data); }

    @AfterEach void close() { svc.close(); }

    private int poolVolumes() { return svc.hypervisor().listVolumes(VmService.POOL).size(); }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        for (CreateVmRequest bad : List.of(
                CreateVmRequest.of("Bad_Name", "tiny"),
                CreateVmRequest.of("ok", "tiny").withUser("root"),
                new CreateVmRequest("ok", "tiny", 0, 1L << 30, Optional.empty(), Optional.empty(), List.of(),
                        Optional.empty(), dev.hyperlab.core.vm.NetworkSpec.NONE, false, false,
                        java.time.Duration.ofMinutes(1), Optional.empty(), List.of()),
                new CreateVmRequest("ok", "tiny", 1, 1L << 30, Optional.of(1L << 20), Optional.empty(), List.of(),
                        Optional.empty(), dev.hyperlab.core.vm.NetworkSpec.NONE, false, false,
                        java.time.Duration.ofMinutes(1), Optional.empty(), List.of()),
                new CreateVmRequest("ok", "tiny", 1, 1L << 30, Optional.empty(), Optional.empty(),
                        List.of(data.resolve("missing.pub")), Optional.empty(), dev.hyperlab.core.vm.NetworkSpec.NONE,
                        false, false, java.time.Duration.ofMinutes(1), Optional.empty(), List.of()))) {
            HyperlabException e = assertThrows(HyperlabException.class, () -> svc.create(bad, System.nanoTime(),
                    VmService.Listener.NONE));
            assertEquals(ErrorCode.BAD_INPUT, e.code(), e.getMessage());
        }
        assertTrue(svc.hypervisor().find("ok").isEmpty());
        assertEquals(0, poolVolumes());
        assertTrue(Files.notExists(data.resolve("logs")));
    }

    @Test
    void unknownImageIsNotFound() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> svc.create(CreateVmRequest.of("vm1", "nope"), System.nanoTime(), VmService.Listener.NONE));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
    }

    /**
     * The test driver cannot upload into a volume, so create fails after the overlay exists:
     * exactly the half-made state that must be rolled back.
     */
    @Test
    void aFailedCreateLeavesNothingBehind() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> svc.create(CreateVmRequest.of("half", "tiny"), System.nanoTime(), VmService.Listener.NONE));
        assertEquals(ErrorCode.OPERATION_FAILED, e.code(), e.getMessage());
        assertTrue(svc.hypervisor().find("half").isEmpty());
        assertTrue(svc.hypervisor().listVolumes(VmService.POOL).stream().noneMatch(v -> v.name().startsWith("half")),
                svc.hypervisor().listVolumes(VmService.POOL).toString());
    }

    @Test
    void removeRefusesARunningGuestWithoutForce() {
        // 'test' is the test driver's own running domain: not ours, but rm's guard applies to any
        HyperlabException e = assertThrows(HyperlabException.class, () -> svc.remove("test", false));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertTrue(svc.hypervisor().get("test").isRunning());
    }

    @Test
    void checkRefusesWhatCreateWouldAndWritesNothing() {
        assertEquals(ErrorCode.BAD_INPUT, assertThrows(HyperlabException.class,
                () -> svc.check(CreateVmRequest.of("Bad_Name", "tiny"))).code());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(HyperlabException.class,
                () -> svc.check(CreateVmRequest.of("fine", "nope"))).code());
        assertEquals(ErrorCode.CONFLICT, assertThrows(HyperlabException.class,
                () -> svc.check(CreateVmRequest.of("test", "tiny"))).code(), "the test driver's own domain");
        svc.check(CreateVmRequest.of("fine", "tiny"));
        assertTrue(svc.hypervisor().find("fine").isEmpty());
        assertTrue(svc.hypervisor().listVolumes(VmService.POOL).stream().noneMatch(v -> v.name().startsWith("fine")));
        assertTrue(Files.notExists(data.resolve("logs")));
    }

    /** A domain hyperlab did not make has no instance id: it starts, but there is no marker to wait for. */
    @Test
    void aDomainHyperlabDidNotMakeStartsWithoutAWait() throws Exception {
        org.libvirt.Connect c = new org.libvirt.Connect("test:///default");
        try {
            c.domainDefineXML("<domain type='test'><name>foreign</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                    + "<os><type>hvm</type></os></domain>").free();
            HyperlabException e = assertThrows(HyperlabException.class, () -> svc.start("foreign", true,
                    java.time.Duration.ofSeconds(5), System.nanoTime(), VmService.Listener.NONE));
            assertEquals(ErrorCode.CONFLICT, e.code(), e.getMessage());
            assertTrue(!svc.info("foreign").isRunning(), "refused before starting");
            svc.start("foreign", false, java.time.Duration.ofSeconds(5), System.nanoTime(), VmService.Listener.NONE);
            assertTrue(svc.info("foreign").isRunning());
        } finally {
            svc.remove("foreign", true);
            c.close();
        }
    }

    // --- ownership: a create removes only what it made, under the name's lock

    /**
     * The bug this guards against: create pushed "delete x.qcow2" before creating it, so when the
     * create failed because the volume existed, its rollback deleted someone else's disk.
     */
    @Test
    @DisplayName("a volume of the name that this create did not make is 'exists already' and survives")
    void aForeignVolumeSurvivesAFailedCreate() {
        Hypervisor hv = svc.hypervisor();
        hv.ensurePool(VmService.POOL, svc.poolDir().toString());
        for (String foreign : List.of("own-x.qcow2", "own-y-seed.iso")) {
            hv.createOverlay(VmService.POOL, foreign, data.resolve("images/tiny/disk.qcow2").toString(), 64L << 20);
            String name = foreign.substring(0, 5);
            HyperlabException e = assertThrows(HyperlabException.class,
                    () -> svc.create(CreateVmRequest.of(name, "tiny"), System.nanoTime(), VmService.Listener.NONE));
            assertEquals(ErrorCode.CONFLICT, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(foreign + " exists already"), e.getMessage());
            assertTrue(hv.listVolumes(VmService.POOL).stream().anyMatch(v -> v.name().equals(foreign)), foreign + " is gone");
            assertEquals(1, hv.listVolumes(VmService.POOL).stream().filter(v -> v.name().startsWith(name)).count(),
                    "the create made nothing else");
            assertTrue(hv.find(name).isEmpty());
            assertFalse(Files.exists(svc.locks().file(VmService.LOCK_KIND, name)), "the lock is let go");
            hv.deleteVolume(VmService.POOL, foreign);
        }
    }

    @Test
    @DisplayName("a create whose name another operation holds waits for it, and then finds the name taken")
    void aCreateWaitsForTheNameLock() throws Exception {
        Hypervisor hv = svc.hypervisor();
        hv.ensurePool(VmService.POOL, svc.poolDir().toString());
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<HyperlabException> create;
            try (NameLocks.Held held = svc.locks().acquire(VmService.LOCK_KIND, "own-w", java.time.Duration.ofSeconds(1))) {
                create = pool.submit(() -> assertThrows(HyperlabException.class, () -> svc.create(
                        CreateVmRequest.of("own-w", "tiny"), System.nanoTime(), VmService.Listener.NONE)));
                Thread.sleep(300);
                assertFalse(create.isDone(), "the create waits while the lock is held");
                // what the holder makes meanwhile (here: a volume of the name) is seen once it lets go
                hv.createOverlay(VmService.POOL, "own-w.qcow2", data.resolve("images/tiny/disk.qcow2").toString(), 64L << 20);
            }
            HyperlabException e = create.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(ErrorCode.CONFLICT, e.code(), e.getMessage());
            assertTrue(hv.listVolumes(VmService.POOL).stream().anyMatch(v -> v.name().equals("own-w.qcow2")));
        } finally {
            pool.shutdownNow();
            hv.deleteVolume(VmService.POOL, "own-w.qcow2");
        }
    }

    @Test
    @DisplayName("gc skips a name whose lock another operation holds, and removes its leftovers once free")
    void gcSkipsANameThatIsBusy() {
        Hypervisor hv = svc.hypervisor();
        hv.ensurePool(VmService.POOL, svc.poolDir().toString());
        hv.createOverlay(VmService.POOL, "own-b.qcow2", data.resolve("images/tiny/disk.qcow2").toString(), 64L << 20);
        try (NameLocks.Held held = svc.locks().acquire(VmService.LOCK_KIND, "own-b", java.time.Duration.ofSeconds(1))) {
            assertTrue(svc.gc(false, "own-b").isEmpty(), "a create between its first volume and its define");
            assertTrue(hv.listVolumes(VmService.POOL).stream().anyMatch(v -> v.name().equals("own-b.qcow2")));
        }
        List<VmService.Leftover> gone = svc.gc(false, "own-b");
        assertEquals(List.of(new VmService.Leftover("volume", VmService.POOL + "/own-b.qcow2", "no hyperlab VM uses it",
                true)), gone);
        assertTrue(hv.listVolumes(VmService.POOL).stream().noneMatch(v -> v.name().startsWith("own-b")));
    }

    @Test
    @DisplayName("gc removes the lock file a killed operation left, and only within its prefix")
    void gcRemovesStaleLocks() throws Exception {
        Path stale = svc.locks().file(VmService.LOCK_KIND, "own-s");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, NameLocks.LABEL + "\nname=own-s\npid=1\n");
        assertTrue(svc.gc(false, "own-x").isEmpty());
        assertTrue(Files.exists(stale));
        List<VmService.Leftover> found = svc.gc(false, "own-s");
        assertEquals(1, found.size(), found.toString());
        assertEquals("lock", found.get(0).kind());
        assertFalse(Files.exists(stale));
    }
}
