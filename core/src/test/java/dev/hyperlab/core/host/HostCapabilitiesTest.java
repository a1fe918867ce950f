package dev.hyperlab.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("another host's accelerator and health, from what its libvirt tells")
class HostCapabilitiesTest {
    static String caps(String cpuFeatures, String domains) {
        return "<capabilities><host><uuid>u</uuid><cpu><arch>x86_64</arch><model>kvm64</model>" + cpuFeatures
                + "</cpu></host><guest><os_type>hvm</os_type><arch name='x86_64'><domain type='qemu'/>" + domains
                + "</arch></guest></capabilities>";
    }

    @Test
    @DisplayName("KVM counts only when the host offers KVM guests and its CPU has vmx or svm")
    void kvmNeedsBoth() {
        assertTrue(HostCapabilities.kvmUsable(caps("<feature name='vmx'/>", "<domain type='kvm'/>")));
        assertTrue(HostCapabilities.kvmUsable(caps("<feature name=\"svm\"/>", "<domain type=\"kvm\"/>")));
        assertFalse(HostCapabilities.kvmUsable(caps("<feature name='vme'/>", "<domain type='kvm'/>")),
                "a /dev/kvm without VT-x (kvm_pvm in a microVM) hangs a KVM guest");
        assertFalse(HostCapabilities.kvmUsable(caps("<feature name='vmx'/>", "")));
    }

    @Test
    @DisplayName("doctor --host: an unreachable host is one FAIL with the hint; a reachable one lists what it has")
    void remoteDoctor() {
        List<Check> down = RemoteDoctor.diagnose("lab2", LibvirtHostFacts.unreachable("qemu+ssh://lab2/system",
                "Cannot recv data: Connection reset"), "check that 'ssh lab2' logs in");
        assertEquals(1, down.size());
        assertEquals(CheckStatus.FAIL, down.get(0).status());
        assertEquals("check that 'ssh lab2' logs in", down.get(0).fix());

        LibvirtHostFacts up = new LibvirtHostFacts(new LibvirtFacts("qemu+tcp://127.0.0.1:16510/system", Optional.empty(),
                Optional.of("9.0.0"), Optional.of("7.2.22")), "vm", false, 2, 24L << 30, Optional.empty());
        List<Check> checks = RemoteDoctor.diagnose("lab2", up, "-");
        assertEquals(List.of("libvirt", "accelerator", "resources", "storage pool", "local-only"),
                checks.stream().map(Check::name).toList());
        assertEquals(CheckStatus.WARN, checks.get(1).status(), "TCG only");
        assertTrue(checks.get(3).detail().startsWith("none yet"), checks.get(3).detail());
        assertEquals("tcg", up.accelerator());
    }
}
