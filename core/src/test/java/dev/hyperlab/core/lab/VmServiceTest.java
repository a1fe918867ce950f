package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
}
