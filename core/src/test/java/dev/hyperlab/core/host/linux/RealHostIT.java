package dev.hyperlab.core.host.linux;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.host.LibvirtFacts;
import org.junit.jupiter.api.Test;

/** The stack scripts/setup.sh brings up answers hyperlab's own probes. */
class RealHostIT {
    @Test
    void libvirtJavaConnectsToTheSystemDaemon() {
        LibvirtFacts f = LibvirtProbe.probe("qemu:///system");
        assertTrue(f.reachable(), () -> "qemu:///system: " + f.error().orElse(""));
        assertTrue(f.libvirtVersion().orElseThrow().matches("\\d+\\.\\d+\\.\\d+"));
        assertTrue(f.hypervisorVersion().orElseThrow().matches("\\d+\\.\\d+\\.\\d+"), "QEMU version");
    }

    @Test
    void libvirtJavaConnectsToTheInProcessTestDriver() {
        LibvirtFacts f = LibvirtProbe.probe("test:///default");
        assertTrue(f.reachable(), () -> "test:///default: " + f.error().orElse(""));
    }

    @Test
    void anUnknownUriIsReportedNotThrown() {
        LibvirtFacts f = LibvirtProbe.probe("bogus:///nowhere");
        assertTrue(f.error().isPresent());
    }
}
