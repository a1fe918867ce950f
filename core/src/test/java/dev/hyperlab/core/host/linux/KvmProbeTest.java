package dev.hyperlab.core.host.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KvmProbeTest {
    @Test
    void findsVmxOrSvmOnlyAsWholeFlags() {
        assertTrue(KvmProbe.cpuHasVirtFlag("processor\t: 0\nflags\t\t: fpu vme vmx sse\n"));
        assertTrue(KvmProbe.cpuHasVirtFlag("flags\t\t: fpu svm\n"));
        assertFalse(KvmProbe.cpuHasVirtFlag("flags\t\t: fpu vmxe svmx hypervisor\n"));
        assertFalse(KvmProbe.cpuHasVirtFlag(""));
    }

    @Test
    void listsKvmModules() {
        assertEquals(List.of("kvm_pvm", "kvm"), KvmProbe.kvmModules("kvm_pvm 1 0 - Live\nkvm 2 1 kvm_pvm, Live\next4 3 0 - Live\n"));
    }

    @Test
    void libvirtVersionNumbersAreDecoded() {
        assertEquals("9.0.0", LibvirtProbe.version(9_000_000));
        assertEquals("7.2.22", LibvirtProbe.version(7_002_022));
    }
}
