package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HostMemory;
import dev.hyperlab.core.vm.MigrationJob;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vm migrate}'s rules, between two in-memory hosts: this machine's libvirt and a second one on
 * loopback (as scripts/second-host.sh makes). Every refusal comes before anything is written on
 * either host; a migration leaves the guest whole on exactly one of them.
 */
class VmMigratorTest {
    private static final String NAME = "hlc-mig-1";
    private static final String SECOND = "qemu+tcp://127.0.0.1:16599/system";
    @TempDir Path data;
    private FakeHypervisor here;
    private FakeHypervisor there;
    private VmService local;
    private VmService lab2;
    private Path base;

    @BeforeEach
    void twoHosts() throws Exception {
        base = data.resolve("images/blobs/sha256/0123456789abcdef0123");
        Files.createDirectories(base.getParent());
        Files.writeString(base, "a base image");
        here = new FakeHypervisor("qemu:///system");
        there = new FakeHypervisor(SECOND);
        local = service(here);
        lab2 = service(there);
        local.create(CreateVmRequest.of(NAME, "debian-12").withNetwork(new NetworkSpec.UserRestricted(0)).withStart(true, false),
                System.nanoTime(), VmService.Listener.NONE);
        assertEquals(GuestState.RUNNING, here.get(NAME).state());
        here.calls.clear();
    }

    @AfterEach
    void close() {
        here.close();
        there.close();
    }

    private VmService service(FakeHypervisor hv) {
        return new VmService(hv, name -> new BootImage(name, base, 64L << 20, Optional.empty(), Optional.empty(),
                Optional.empty()), new CloudInitSeedMaker(), data, System::nanoTime);
    }

    private VmMigrator toLab2() { return new VmMigrator(local, "local", lab2, "lab2"); }

    private void baseOnLab2() {
        there.volumes.put(base.getFileName() + ".whole", new VolumeRef(HostImages.POOL, base.getFileName() + ".whole", "/x", 1, 1));
        there.volumes.put(base.getFileName().toString(), new VolumeRef(HostImages.POOL, base.getFileName().toString(), base.toString(), 1, 1));
    }

    private HyperlabException refused(boolean live, boolean copy) {
        return assertThrows(HyperlabException.class, () -> toLab2().migrate(NAME, live, copy, what -> { }, Cancellation.NONE));
    }

    /** Nothing written on either host: the guest runs here as before, lab2 got nothing. */
    private void untouched() {
        assertEquals(GuestState.RUNNING, here.get(NAME).state());
        assertTrue(here.volumes.containsKey(NAME + ".qcow2") && here.volumes.containsKey(NAME + "-seed.iso"));
        assertTrue(there.find(NAME).isEmpty());
        assertFalse(there.calls.stream().anyMatch(c -> c.equals("createOverlay") || c.equals("uploadVolume")), there.calls.toString());
        assertFalse(here.calls.contains("migrate"), here.calls.toString());
    }

    @Test
    @DisplayName("a live migration with --copy-storage: overlay and seed made on the target, the guest runs there, nothing is left here")
    void liveMigrationMovesEverything() {
        baseOnLab2();
        String instanceId = here.get(NAME).label().orElseThrow().instanceId();
        List<String> steps = new ArrayList<>();
        List<MigrationJob> progress = new ArrayList<>();
        VmMigrator.Migrated m = toLab2().migrate(NAME, true, true, new VmMigrator.Listener() {
            @Override public void step(String what) { steps.add(what); }

            @Override public void progress(MigrationJob job) { progress.add(job); }
        }, Cancellation.NONE);
        assertEquals(GuestState.RUNNING, there.get(NAME).state());
        assertEquals(instanceId, there.get(NAME).label().orElseThrow().instanceId());
        assertEquals("", there.get(NAME).label().orElseThrow().consoleLog(), "a remote host keeps no console log file");
        assertTrue(there.volumes.containsKey(NAME + ".qcow2") && there.volumes.containsKey(NAME + "-seed.iso"));
        assertEquals(Optional.of(base.toString()), there.backingPath(VmService.POOL, NAME + ".qcow2"), "the overlay is on the same base");
        assertTrue(here.find(NAME).isEmpty());
        assertFalse(here.volumes.containsKey(NAME + ".qcow2") || here.volumes.containsKey(NAME + "-seed.iso"), here.volumes.keySet().toString());
        assertTrue(m.job().downtime().isPresent(), "the downtime comes from the target's completed job");
        assertFalse(progress.isEmpty());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("live-migrating " + NAME + " from local to lab2")), steps.toString());
        assertFalse(there.calls.contains("uploadVolume") && steps.stream().anyMatch(s -> s.contains("image blob")),
                "the base was there already: not sent again");
    }

    @Test
    @DisplayName("--copy-storage sends the base image first when the target lacks it, once")
    void copyStorageShipsTheBase() {
        toLab2().migrate(NAME, true, true, what -> { }, Cancellation.NONE);
        assertTrue(there.volumes.containsKey(base.getFileName().toString()));
        assertTrue(there.volumes.containsKey(base.getFileName() + ".whole"));
        assertTrue(there.find(NAME).isPresent());
    }

    @Test
    @DisplayName("back to this machine: the console log is this machine's file again, the base is the image store's own")
    void backToThisMachine() {
        baseOnLab2();
        toLab2().migrate(NAME, true, true, what -> { }, Cancellation.NONE);
        VmMigrator.Migrated back = new VmMigrator(lab2, "lab2", local, "local").migrate(NAME, true, true, what -> { }, Cancellation.NONE);
        assertEquals("local", back.to());
        assertEquals(data.resolve("logs/" + NAME + "-console.log").toString(), here.get(NAME).label().orElseThrow().consoleLog());
        assertTrue(there.find(NAME).isEmpty());
        assertFalse(there.volumes.containsKey(NAME + ".qcow2"));
    }

    @Test
    void toTheHostItIsOnIsRefused() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> new VmMigrator(local, "local", local, "local").migrate(NAME, true, true, what -> { }, Cancellation.NONE));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertEquals("cannot migrate " + NAME + ": it is on local already", e.getMessage());
    }

    @Test
    void liveNeedsARunningVm() {
        local.destroy(NAME);
        HyperlabException e = refused(true, true);
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertTrue(e.getMessage().contains("--live needs a running VM, and it is stopped"), e.getMessage());
        assertTrue(there.find(NAME).isEmpty());
    }

    @Test
    @DisplayName("a stopped VM moves without --live: its disk and seed copied through streams, its definition after them")
    void aStoppedVmMoves() {
        baseOnLab2();
        local.destroy(NAME);
        toLab2().migrate(NAME, false, true, what -> { }, Cancellation.NONE);
        assertEquals(GuestState.STOPPED, there.get(NAME).state());
        assertTrue(there.calls.contains("uploadVolume"));
        assertTrue(here.find(NAME).isEmpty() && !here.volumes.containsKey(NAME + ".qcow2"));
    }

    @Test
    void snapshotsAreRefusedWithTheirNames() {
        local.snapshotCreate(NAME, "before", "");
        HyperlabException e = refused(true, true);
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("cannot migrate " + NAME + ": libvirt does not migrate a VM with snapshots (before)", e.getMessage());
        assertTrue(e.hint().contains("vm snapshot delete " + NAME + " SNAP"), e.hint());
        untouched();
    }

    @Test
    void aTargetWithoutTheBaseNeedsCopyStorage() {
        HyperlabException e = refused(true, false);
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertTrue(e.getMessage().contains("lab2 has no volume hyperlab/" + NAME + ".qcow2, so the hosts do not share their storage"),
                e.getMessage());
        there.volumes.put(NAME + ".qcow2", new VolumeRef(VmService.POOL, NAME + ".qcow2", "/pool/x", 1, 1));
        there.volumes.put(NAME + "-seed.iso", new VolumeRef(VmService.POOL, NAME + "-seed.iso", "/pool/y", 1, 1));
        there.calls.clear();
        HyperlabException noBase = refused(true, false);
        assertTrue(noBase.getMessage().contains("lab2 lacks its base image debian-12 (blob 0123456789ab)"), noBase.getMessage());
        assertTrue(noBase.hint().startsWith("add --copy-storage"), noBase.hint());
        untouched();
    }

    @Test
    void volumesOfThatNameOnTheTargetAreNotOverwritten() {
        baseOnLab2();
        there.volumes.put(NAME + ".qcow2", new VolumeRef(VmService.POOL, NAME + ".qcow2", "/pool/x", 1, 1));
        HyperlabException e = refused(true, true);
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertTrue(e.getMessage().contains("lab2 has a volume hyperlab/" + NAME + ".qcow2 already"), e.getMessage());
        untouched();
    }

    @Test
    void tooLittleMemoryOnTheTarget() {
        baseOnLab2();
        there.memory = Optional.of(new HostMemory(8L << 30, 512L << 20));
        HyperlabException e = refused(true, true);
        assertEquals("cannot migrate " + NAME + ": it needs 1 GiB of memory and lab2 has 512 MiB free", e.getMessage());
        there.memory = Optional.of(new HostMemory(512L << 20, 512L << 20));
        assertTrue(refused(true, true).getMessage().contains("lab2 has only 512 MiB in all"));
        untouched();
    }

    @Test
    void anotherAcceleratorIsRefused() {
        baseOnLab2();
        there.defaultType = DomainType.KVM;
        HyperlabException e = refused(true, true);
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertTrue(e.getMessage().contains("it runs under TCG (no usable KVM) and lab2 runs guests under KVM"), e.getMessage());
        untouched();
    }

    @Test
    void aVmOfThatNameOnTheTargetIsAConflict() {
        baseOnLab2();
        lab2.create(CreateVmRequest.of(NAME, "debian-12"), System.nanoTime(), VmService.Listener.NONE);
        there.calls.clear();
        HyperlabException e = refused(true, true);
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertTrue(e.getMessage().contains("lab2 has a VM of that name already"));
    }

    @Test
    @DisplayName("a migration here that fails leaves no console log file here")
    void aFailedMigrationHereLeavesNoLog() throws Exception {
        baseOnLab2();
        toLab2().migrate(NAME, true, true, what -> { }, Cancellation.NONE);
        Path log = data.resolve("logs/" + NAME + "-console.log");
        there.onCall = c -> {
            if (c.equals("migrate")) {
                try {
                    Files.writeString(log, "the incoming QEMU wrote this\n"); // as virtlogd does as soon as QEMU starts
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw new HyperlabException(ErrorCode.CANCELLED, "migrating " + NAME + " was cancelled (test)", null);
            }
        };
        HyperlabException e = assertThrows(HyperlabException.class, () -> new VmMigrator(lab2, "lab2", local, "local")
                .migrate(NAME, true, true, what -> { }, Cancellation.NONE));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertTrue(there.find(NAME).isPresent());
        assertFalse(Files.exists(log), "the log the target's QEMU began");
        assertFalse(here.volumes.containsKey(NAME + ".qcow2"));
    }

    @Test
    @DisplayName("a migration that fails (the target died) leaves the guest here and removes what was made for it there")
    void aFailedMigrationUndoesTheTargetsVolumes() {
        baseOnLab2();
        here.onCall = c -> {
            if (c.equals("migrate")) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "migrating " + NAME + " failed: connection reset", null);
            }
        };
        HyperlabException e = refused(true, true);
        assertEquals(ErrorCode.OPERATION_FAILED, e.code());
        assertEquals(GuestState.RUNNING, here.get(NAME).state());
        assertTrue(here.volumes.containsKey(NAME + ".qcow2"));
        assertFalse(there.volumes.containsKey(NAME + ".qcow2") || there.volumes.containsKey(NAME + "-seed.iso"),
                there.volumes.keySet().toString());
    }

    @Test
    void aCancelBeforeTheJobStartsLeavesNothingThere() {
        baseOnLab2();
        Cancellation cancel = new Cancellation();
        there.onCall = c -> {
            if (c.equals("createOverlay")) {
                cancel.cancel("Ctrl-C");
            }
        };
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> toLab2().migrate(NAME, true, true, what -> { }, cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(GuestState.RUNNING, here.get(NAME).state());
        assertFalse(there.volumes.containsKey(NAME + ".qcow2"));
        assertTrue(there.find(NAME).isEmpty());
    }

    @Test
    void progressLines() {
        assertEquals("512 MiB of 1 GiB moved, 512 MiB left, 256 MiB/s", VmMigrator.describe(
                new MigrationJob(Duration.ofSeconds(2), 1L << 30, 512L << 20, 512L << 20, 0, Optional.empty())));
    }
}
