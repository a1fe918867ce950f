package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vm clone} and {@code vm resize} on libvirt's test driver: what they refuse, before writing
 * anything, and that a clone which fails half-way leaves nothing (the test driver cannot download a
 * volume, so the disk copy fails for real there). The copy and boot of a clone run in VmLifecycleIT.
 */
class VmCloneResizeTest {
    @TempDir Path data;
    private VmService svc;
    private Hypervisor hv;

    @BeforeEach void open() throws Exception {
        svc = TestDriverVms.open(data);
        hv = svc.hypervisor();
        hv.ensurePool(VmService.POOL, svc.poolDir().toString());
        String base = data.resolve("images/tiny/disk.qcow2").toString();
        VolumeRef overlay = hv.createOverlay(VmService.POOL, "src.qcow2", base, 64L << 20);
        VolumeRef seed = hv.createOverlay(VmService.POOL, "src-seed.iso", base, 64L << 20); // a stand-in: no upload here
        hv.define(new DomainSpec("src", DomainType.QEMU, 1, 256L << 20, overlay.path(), Optional.of(seed.path()),
                Optional.empty(), Optional.empty(), Optional.empty(), NetworkSpec.NONE, svc.consoleLog("src").toString(),
                new HyperlabLabel("tiny", Instant.now(), "iid-src", VmService.POOL, "src.qcow2", "src-seed.iso",
                        svc.consoleLog("src").toString())));
    }

    @AfterEach void close() {
        for (String vm : List.of("src", "copy", "other")) {
            if (hv.find(vm).isPresent()) {
                svc.remove(vm, true);
            }
        }
        svc.close();
    }

    private static CloneVmRequest clone(String source, String name) {
        return new CloneVmRequest(source, name, Optional.empty(), List.of(), false, false, Duration.ofMinutes(5));
    }

    private Set<String> volumes() {
        return hv.listVolumes(VmService.POOL).stream().map(VolumeRef::name).collect(Collectors.toSet());
    }

    private HyperlabException refused(CloneVmRequest r) {
        Set<String> before = volumes();
        Set<String> domains = hv.list().stream().map(dev.hyperlab.core.vm.VmInfo::name).collect(Collectors.toSet());
        HyperlabException e = assertThrows(HyperlabException.class, () -> svc.clone(r, System.nanoTime(), VmService.Listener.NONE));
        assertEquals(before, volumes(), "nothing written: " + e.getMessage());
        assertEquals(domains, hv.list().stream().map(dev.hyperlab.core.vm.VmInfo::name).collect(Collectors.toSet()), "no domain made");
        return e;
    }

    @Test
    @DisplayName("a running VM is not cloned: its disk is being written, and the message says to stop it or snapshot it")
    void runningSourceIsRefused() {
        hv.start("src", false);
        HyperlabException e = refused(clone("src", "copy"));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertTrue(e.getMessage().contains("cannot clone src: it is running"), e.getMessage());
        assertTrue(e.hint().contains("vm stop src"), e.hint());
    }

    @Test
    @DisplayName("a clone never takes the name of an existing VM, nor its own source's name")
    void takenNamesAreRefused() {
        hv.define(new DomainSpec("other", DomainType.QEMU, 1, 128L << 20, "/nowhere.qcow2", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), NetworkSpec.NONE, "/nowhere.log",
                new HyperlabLabel("tiny", Instant.now(), "iid-o", VmService.POOL, "other.qcow2", "", "")));
        assertEquals(ErrorCode.CONFLICT, refused(clone("src", "other")).code());
        assertEquals(ErrorCode.BAD_INPUT, refused(clone("src", "src")).code());
        assertEquals(ErrorCode.BAD_INPUT, refused(clone("src", "bad name!")).code());
        assertEquals(ErrorCode.NOT_FOUND, refused(clone("nosuch", "copy")).code());
    }

    @Test
    @DisplayName("a VM hyperlab did not make is not cloned: which disks are its own is not known")
    void foreignSourceIsRefused() throws Exception {
        org.libvirt.Connect c = new org.libvirt.Connect("test:///default");
        try {
            c.domainDefineXML("<domain type='test'><name>foreign-c</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>"
                    + "<os><type>hvm</type></os></domain>").free();
            HyperlabException e = refused(clone("foreign-c", "copy"));
            assertTrue(e.getMessage().contains("hyperlab did not create it"), e.getMessage());
            assertTrue(e.hint().contains("virt-clone"), e.hint());
        } finally {
            svc.remove("foreign-c", true);
            c.close();
        }
    }

    @Test
    @DisplayName("a clone that fails half-way leaves no volume, no domain and no lock behind")
    void aFailedCloneLeavesNothing() {
        Set<String> before = volumes();
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> svc.clone(clone("src", "copy"), System.nanoTime(), VmService.Listener.NONE));
        assertTrue(e.getMessage().contains("nothing was left behind") || e.getMessage().contains("not supported"), e.getMessage());
        assertEquals(before, volumes());
        assertTrue(hv.find("copy").isEmpty());
        assertFalse(Files.exists(svc.locks().file(VmService.LOCK_KIND, "copy")));
        assertFalse(Files.exists(svc.locks().file(VmService.LOCK_KIND, "src")));
    }

    @Test
    @DisplayName("resize: CPUs and memory change in the definition and are reported; a stopped VM takes them at its next boot")
    void resizeCpusAndMemory() {
        List<String> done = svc.resize("src", new VmResize(OptionalInt.of(2), OptionalLong.of(512L << 20), OptionalLong.empty()));
        assertEquals(List.of("cpus 1 -> 2", "memory 256 MiB -> 512 MiB"), done);
        assertEquals(2, hv.get("src").vcpus());
        assertEquals(512L << 20, hv.get("src").memoryBytes());
        assertEquals(List.of("nothing changed: src has that size already"),
                svc.resize("src", new VmResize(OptionalInt.of(2), OptionalLong.empty(), OptionalLong.empty())));
    }

    @Test
    @DisplayName("resize refuses nothing to do, bad counts, a smaller disk and a disk of a running VM, and changes nothing then")
    void resizeRefusals() {
        String[][] cases = {
            {"", "nothing to resize"},
            {"cpus=0", "bad --cpus 0"},
            {"memory=64M", "at least 128 MiB"},
            {"cpus=2,disk=32M", "shrinking is refused"},
        };
        for (String[] c : cases) {
            VmResize r = new VmResize(
                    c[0].contains("cpus=") ? OptionalInt.of(c[0].contains("cpus=0") ? 0 : 2) : OptionalInt.empty(),
                    c[0].contains("memory=") ? OptionalLong.of(64L << 20) : OptionalLong.empty(),
                    c[0].contains("disk=") ? OptionalLong.of(32L << 20) : OptionalLong.empty());
            HyperlabException e = assertThrows(HyperlabException.class, () -> svc.resize("src", r), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertEquals(1, hv.get("src").vcpus(), "unchanged after " + c[0]);
        }
        hv.start("src", false);
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> svc.resize("src", new VmResize(OptionalInt.empty(), OptionalLong.empty(), OptionalLong.of(1L << 30))));
        assertTrue(e.getMessage().contains("while it runs"), e.getMessage());
    }
}
