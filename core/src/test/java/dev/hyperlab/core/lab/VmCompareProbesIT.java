package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.compare.ExecResult;
import dev.hyperlab.core.compare.GuestExec;
import dev.hyperlab.core.compare.HostExec;
import dev.hyperlab.core.compare.MemoryLedger;
import dev.hyperlab.core.compare.QcowSizes;
import dev.hyperlab.core.compare.Subject;
import dev.hyperlab.core.compare.isolation.IsolationProbe;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.compare.memory.MemoryProbe;
import dev.hyperlab.core.vm.libvirt.QemuAgentExec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A real TCG VM without a NIC, from the default image: commands through qemu-guest-agent, the
 * isolation probe (own kernel), the memory ledger (QEMU RSS/PSS vs what the guest says) and the
 * qcow2 disk figures. The VM is removed even when an assertion fails.
 */
class VmCompareProbesIT {
    private static final String URI = "qemu:///system";

    @Test
    void agentExecProbesAndLedgerOfARealVm() throws Exception {
        String name = "hl-it-cmp-" + UUID.randomUUID().toString().substring(0, 6);
        String image = TestImages.ensureDefault();
        try (VmService svc = VmServices.openDefault(URI)) {
            try {
                CreateVmRequest req = CreateVmRequest.of(name, image).withStart(true, true).withTimeout(Duration.ofMinutes(10));
                svc.create(req, System.nanoTime(), VmService.Listener.NONE);

                GuestExec vm = new QemuAgentExec((json, t) -> svc.hypervisor().agentCommand(name, json, t))
                        .awaitAgent(Duration.ofMinutes(3));
                ExecResult r = vm.exec(List.of("/bin/sh", "-c", "echo hello from $(hostname); exit 4"), Duration.ofMinutes(1));
                assertEquals(4, r.exitCode());
                assertEquals("hello from " + name + "\n", r.stdout());
                assertEquals(GuestExec.NOT_FOUND_EXIT, vm.exec(List.of("/no/such/tool"), Duration.ofMinutes(1)).exitCode());

                IsolationReport host = IsolationProbe.run(Subject.HOST, new HostExec(), Duration.ofSeconds(30));
                IsolationReport guest = IsolationProbe.run(Subject.VM, vm, Duration.ofMinutes(2));
                assertNotEquals(host.kernel(), guest.kernel(), "a VM runs its own kernel");
                assertNotEquals(host.bootId(), guest.bootId());
                assertEquals("lo", guest.get("net_ifaces").orElseThrow(), "no NIC");

                MemoryLedger l = MemoryProbe.vm(1, MemoryProbe.qemuPid(name), vm);
                long rss = l.qemuRssBytes().orElseThrow();
                assertTrue(rss > 64L << 20, "QEMU holds guest RAM it touched: " + rss);
                assertTrue(l.guestUsedBytes().orElseThrow() < l.guestTotalBytes().orElseThrow());
                assertTrue(l.guestTotalBytes().orElseThrow() <= 1L << 30, "the guest sees its own 1 GiB");
                assertFalse(l.guestViewIsHost());

                DiskUsage d = QcowSizes.ofOverlay(svc.poolDir().resolve(name + ".qcow2"));
                assertTrue(d.baseBytes() > 100L << 20, d.toString());
                assertTrue(d.instanceBytes() > 0 && d.instanceBytes() < d.baseBytes(), d.toString());
            } finally {
                if (svc.hypervisor().find(name).isPresent()) {
                    svc.remove(name, true);
                }
            }
            assertTrue(svc.hypervisor().find(name).isEmpty());
        }
    }
}
