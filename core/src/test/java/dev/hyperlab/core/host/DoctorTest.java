package dev.hyperlab.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What doctor concludes from what the host says, decided without touching the host. */
class DoctorTest {
    static final KvmFacts HARDWARE_KVM = new KvmFacts(true, Optional.empty(), 12, true, List.of("kvm", "kvm_intel"));
    static final LibvirtFacts LIBVIRT_UP = new LibvirtFacts("qemu:///system", Optional.empty(), Optional.of("9.0.0"), Optional.of("7.2.0"));
    static final EngineFacts PODMAN_UP = new EngineFacts(List.of("/run/podman/podman.sock"),
            Optional.of("/run/podman/podman.sock"), Optional.empty(), "Podman Engine", "4.3.1", "1.41", "runc");

    static HostFacts host(KvmFacts kvm, LibvirtFacts libvirt, EngineFacts engine) {
        return new HostFacts(kvm, libvirt, true, engine, "hybrid (v1 + v2)", Optional.of(Path.of("/usr/bin/mmdebstrap")),
                Optional.of(Path.of("/usr/bin/qemu-img")), Path.of("/var/lib/hyperlab"), 50L << 30);
    }

    @Nested
    class Accelerator_ {
        @Test
        void usesKvmWhenTheDeviceOpensSpeaksApi12AndTheCpuHasVmxOrSvm() {
            AcceleratorDecision d = AcceleratorDecision.decide(HARDWARE_KVM);
            assertEquals(Accelerator.KVM, d.accelerator());
            assertEquals("kvm", d.accelerator().libvirtDomainType());
        }

        @Test
        void fallsBackToTcgWhenDevKvmExistsButTheCpuLacksVirtualizationFlags() {
            // This is the CI host: kvm_pvm offers /dev/kvm, but stock guest kernels hang on it.
            KvmFacts pvm = new KvmFacts(true, Optional.empty(), 12, false, List.of("kvm_pvm"));
            AcceleratorDecision d = AcceleratorDecision.decide(pvm);
            assertEquals(Accelerator.TCG, d.accelerator());
            assertEquals("qemu", d.accelerator().libvirtDomainType());
            assertTrue(d.reason().contains("/dev/kvm is present"), d.reason());
            assertTrue(d.reason().contains("neither vmx nor svm"), d.reason());
            assertTrue(d.reason().contains("far slower"), d.reason());
            assertTrue(d.reason().contains("kvm_pvm"), d.reason());
        }

        @Test
        void fallsBackToTcgWithoutDevKvm() {
            AcceleratorDecision d = AcceleratorDecision.decide(new KvmFacts(false, Optional.empty(), -1, true, List.of()));
            assertEquals(Accelerator.TCG, d.accelerator());
            assertTrue(d.reason().startsWith("/dev/kvm is missing"), d.reason());
        }

        @Test
        void fallsBackToTcgWhenDevKvmCannotBeOpened() {
            AcceleratorDecision d = AcceleratorDecision.decide(
                    new KvmFacts(true, Optional.of("Permission denied"), -1, true, List.of("kvm")));
            assertEquals(Accelerator.TCG, d.accelerator());
            assertTrue(d.reason().contains("Permission denied"), d.reason());
        }

        @Test
        void fallsBackToTcgOnAnUnexpectedApiVersion() {
            AcceleratorDecision d = AcceleratorDecision.decide(new KvmFacts(true, Optional.empty(), 11, true, List.of()));
            assertEquals(Accelerator.TCG, d.accelerator());
        }

        @Test
        void tcgIsAWarningWithAFixNotAFailure() {
            DoctorReport r = Doctor.diagnose(host(new KvmFacts(true, Optional.empty(), 12, false, List.of()), LIBVIRT_UP, PODMAN_UP));
            Check acc = r.checks().get(0);
            assertEquals(CheckStatus.WARN, acc.status());
            assertTrue(acc.detail().startsWith("tcg: "));
            assertTrue(acc.fix().contains("VT-x/AMD-V"));
            assertEquals(CheckStatus.WARN, r.overall());
        }
    }

    @Test
    void aHealthyKvmHostIsAllOk() {
        DoctorReport r = Doctor.diagnose(host(HARDWARE_KVM, LIBVIRT_UP, PODMAN_UP));
        assertEquals(CheckStatus.OK, r.overall(), r.checks().toString());
        assertTrue(r.checks().stream().allMatch(c -> c.fix().isEmpty()));
    }

    @Test
    void aMissingEngineFailsAndNamesTheSocketsTriedAndTheFix() {
        EngineFacts none = EngineFacts.unreachable(List.of("/run/podman/podman.sock", "/var/run/docker.sock"),
                "/var/run/docker.sock does not exist");
        DoctorReport r = Doctor.diagnose(host(HARDWARE_KVM, LIBVIRT_UP, none));
        Check engine = byName(r, "container engine");
        assertEquals(CheckStatus.FAIL, engine.status());
        assertTrue(engine.detail().contains("/run/podman/podman.sock, /var/run/docker.sock"), engine.detail());
        assertTrue(engine.fix().contains("podman system service"), engine.fix());
        assertEquals(CheckStatus.FAIL, r.overall());
    }

    @Test
    void crunIsFlaggedBecauseItRefusesHybridCgroups() {
        EngineFacts crun = new EngineFacts(List.of("s"), Optional.of("s"), Optional.empty(), "Podman Engine", "4.3.1", "1.41", "crun");
        assertEquals(CheckStatus.WARN, byName(Doctor.diagnose(host(HARDWARE_KVM, LIBVIRT_UP, crun)), "container engine").status());
    }

    @Test
    void anUnreachableLibvirtFailsWithTheUriAndAFix() {
        DoctorReport r = Doctor.diagnose(host(HARDWARE_KVM, LibvirtFacts.unreachable("qemu:///system", "Failed to connect socket"), PODMAN_UP));
        Check l = byName(r, "libvirt");
        assertEquals(CheckStatus.FAIL, l.status());
        assertTrue(l.detail().contains("qemu:///system unreachable: Failed to connect socket"));
        assertTrue(l.fix().contains("--connect"));
    }

    @Test
    void missingToolsAndLowDiskAreReported() {
        HostFacts f = new HostFacts(HARDWARE_KVM, LIBVIRT_UP, false, PODMAN_UP, "v2 (unified)", Optional.empty(),
                Optional.empty(), Path.of("/data"), 1L << 30);
        DoctorReport r = Doctor.diagnose(f);
        assertEquals(CheckStatus.FAIL, byName(r, "virtlogd").status());
        assertEquals(CheckStatus.FAIL, byName(r, "mmdebstrap").status());
        assertTrue(byName(r, "qemu-img").fix().contains("qemu-utils"));
        Check disk = byName(r, "disk");
        assertEquals(CheckStatus.WARN, disk.status());
        assertTrue(disk.detail().startsWith("1 GiB free in /data"), disk.detail());
    }

    static Check byName(DoctorReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
