package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VmServicesTest {
    @Test void onlyLocalQemuUrisUseTheLocalAcceleratorProbe() {
        assertTrue(VmServices.isLocal("qemu:///system"));
        assertTrue(VmServices.isLocal("qemu:///session"));
        assertFalse(VmServices.isLocal("qemu+ssh://host/system"));
        assertFalse(VmServices.isLocal("qemu://otherhost/system"));
        assertFalse(VmServices.isLocal("test:///default"));
    }

    @Test void quietIsDroppedSoTheConsoleShowsTheBoot() {
        org.junit.jupiter.api.Assertions.assertEquals("root=LABEL=rootfs rw console=ttyS0,115200 net.ifnames=0",
                VmCreator.observableCmdline("root=LABEL=rootfs rw console=ttyS0,115200 quiet net.ifnames=0"));
        org.junit.jupiter.api.Assertions.assertEquals("a quietly", VmCreator.observableCmdline("quiet a quietly quiet"));
    }
}
