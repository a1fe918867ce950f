package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.exec.HostExec;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.compare.QcowSizes;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.isolation.IsolationProbe;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.compare.memory.MemoryProbe;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.libvirt.QemuAgentExec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One real VM under TCG on qemu:///system (no NIC), through its whole life: create from the default
 * image with a user, hostname and runcmd; wait for READY; check the console; read it as 'compare'
 * does (guest agent, isolation probe, memory ledger, disk); snapshot, change the disk, revert, check
 * the change is gone; start again and wait for READY; shut down by ACPI; resize, edit; clone it and
 * boot the clone with its own identity; rm both; check nothing is left. One VM and its clone for all
 * of it: each TCG boot costs a minute or two of CI.
 */
class VmLifecycleIT {
    /** Nothing named hl-it-* may be left on the host after each test. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.hyperlab.core.leak.LeakCheck LEAKS = dev.hyperlab.core.leak.LeakCheck.afterEach("hl-it-");

    private static final String URI = "qemu:///system";

    @Test
    void createBootSnapshotRevertRemove() throws Exception {
        String name = "hl-it-" + UUID.randomUUID().toString().substring(0, 6);
        String image = TestImages.ensureDefault();
        try (VmService svc = VmServices.openDefault(URI)) {
            try {
                long t0 = System.nanoTime();
                CreateVmRequest req = CreateVmRequest.of(name, image).withUser("tester")
                        .withRuncmd(List.of("echo \"hl-runcmd host=$(hostname) user=$(id -un tester)\" > /dev/console"))
                        .withStart(true, true).withTimeout(Duration.ofMinutes(10));
                VmService.Created c = svc.create(req, t0, VmService.Listener.NONE);

                // timeline: every phase in order, on the host clock, and persisted
                BootTimeline t = c.timeline();
                for (Phase p : List.of(Phase.CREATED, Phase.STARTED, Phase.KERNEL, Phase.INIT, Phase.READY)) {
                    assertTrue(t.has(p), "missing " + p + " in " + t);
                }
                assertTrue(t.at(Phase.STARTED).get().compareTo(t.at(Phase.READY).get()) < 0);
                assertTrue(t.at(Phase.INIT).get().compareTo(t.at(Phase.READY).get()) <= 0);
                VmInfo vm = svc.info(name);
                assertEquals(millis(t), millis(vm.timeline()), "info shows the recorded timeline (stored in ms)");
                assertEquals(GuestState.RUNNING, vm.state());
                HyperlabLabel label = vm.label().orElseThrow();

                // console log: hostname and runcmd output
                String log = Files.readString(svc.log(name));
                assertTrue(log.contains("hl-runcmd host=" + name + " user=tester"), tail(log));
                assertTrue(log.contains("hyperlab-ready " + label.instanceId()), tail(log));

                // what 'compare' reads of a VM: commands through qemu-guest-agent, the isolation probe (own
                // kernel, no NIC), the memory ledger (QEMU RSS/PSS vs what the guest says) and the qcow2 sizes
                GuestExec agent = new QemuAgentExec((json, secs) -> svc.hypervisor().agentCommand(name, json, secs))
                        .awaitAgent(Duration.ofMinutes(3));
                // 'vm exec': through the agent, exit code and output passed on
                ExecResult r = svc.exec(name, List.of("/bin/sh", "-c", "echo hello from $(hostname); exit 4"), Duration.ofMinutes(1));
                assertEquals(4, r.exitCode());
                assertEquals("hello from " + name + "\n", r.stdout());
                String machineId = agent.exec(List.of("cat", "/etc/machine-id"), Duration.ofMinutes(1)).stdout().strip();
                assertEquals(GuestExec.NOT_FOUND_EXIT, agent.exec(List.of("/no/such/tool"), Duration.ofMinutes(1)).exitCode());
                IsolationReport host = IsolationProbe.run(Subject.HOST, new HostExec(), Duration.ofSeconds(30));
                IsolationReport guest = IsolationProbe.run(Subject.VM, agent, Duration.ofMinutes(2));
                assertNotEquals(host.kernel(), guest.kernel(), "a VM runs its own kernel");
                assertNotEquals(host.bootId(), guest.bootId());
                assertEquals("lo", guest.get("net_ifaces").orElseThrow(), "no NIC");
                MemoryLedger ledger = MemoryProbe.vm(1, MemoryProbe.qemuPid(name), agent);
                assertTrue(ledger.qemuRssBytes().orElseThrow() > 64L << 20, "QEMU holds the guest RAM it touched");
                assertTrue(ledger.guestUsedBytes().orElseThrow() < ledger.guestTotalBytes().orElseThrow());
                assertTrue(ledger.guestTotalBytes().orElseThrow() <= 1L << 30, "the guest sees its own 1 GiB");
                assertFalse(ledger.guestViewIsHost());
                DiskUsage disk = QcowSizes.ofOverlay(svc.poolDir().resolve(name + ".qcow2"));
                assertTrue(disk.baseBytes() > 100L << 20, disk.toString());
                assertTrue(disk.instanceBytes() > 0 && disk.instanceBytes() < disk.baseBytes(), disk.toString());

                // snapshot the running guest (memory too), change the disk, revert
                Path overlay = svc.poolDir().resolve(label.overlayVol());
                svc.snapshotCreate(name, "s1", "after boot");
                svc.destroy(name);
                long offset = DiskPattern.offsetNearEnd(overlay);
                DiskPattern.write(overlay, offset);
                assertTrue(DiskPattern.present(overlay, offset), "the change is on the disk");
                svc.snapshotRevert(name, "s1");
                assertEquals(GuestState.RUNNING, svc.info(name).state(), "a running snapshot resumes running");
                svc.destroy(name);
                assertFalse(DiskPattern.present(overlay, offset), "revert dropped the change");
                assertEquals(1, svc.snapshots(name).size());
                assertTrue(svc.snapshots(name).get(0).current());

                // a restart: the readiness marker is a once-per-instance runcmd, so this boot is ready
                // when cloud-init says it finished; then an ACPI shutdown that the guest obeys
                BootTimeline again = svc.start(name, true, Duration.ofMinutes(10), System.nanoTime(), VmService.Listener.NONE);
                assertTrue(again.has(Phase.READY) && !again.has(Phase.CREATED), again.toString());
                assertTrue(svc.stop(name, Duration.ofMinutes(2)), "the guest powers off on the ACPI button");
                assertEquals(GuestState.STOPPED, svc.info(name).state());

                // resize (stopped): more CPUs and memory in the definition, a larger disk
                long grown = svc.hypervisor().listVolumes(VmService.POOL).stream()
                        .filter(v -> v.name().equals(label.overlayVol())).findFirst().orElseThrow().capacityBytes() + (1L << 30);
                List<String> resized = svc.resize(name, new VmResize(java.util.OptionalInt.of(1), java.util.OptionalLong.of(1536L << 20),
                        java.util.OptionalLong.of(grown)));
                assertEquals(3, resized.size(), resized.toString());
                assertEquals(1, svc.info(name).vcpus());
                assertEquals(1536L << 20, svc.info(name).memoryBytes());

                // edit: a change libvirt's schema takes is kept
                svc.redefine(name, svc.definition(name).replaceFirst("<title>[^<]*</title>", "<title>edited by the IT</title>"));
                assertTrue(svc.definition(name).contains("<title>edited by the IT</title>"));

                // clone: a copy of the overlay on the same image, booted with a new identity; the source stays as it was
                String copy = name + "-c";
                try {
                    VmService.Created cl = svc.clone(new CloneVmRequest(name, copy, java.util.Optional.of("tester2"), List.of(), true,
                            true, Duration.ofMinutes(10)), System.nanoTime(), VmService.Listener.NONE);
                    assertTrue(cl.timeline().has(Phase.READY), cl.timeline().toString());
                    assertEquals(1, cl.vm().vcpus(), "the clone has the source's (resized) CPUs");
                    assertNotEquals(label.instanceId(), cl.vm().label().orElseThrow().instanceId());
                    assertEquals(label.instanceId(), svc.info(name).label().orElseThrow().instanceId(), "the source keeps its own");
                    DiskUsage cd = QcowSizes.ofOverlay(svc.poolDir().resolve(copy + ".qcow2"));
                    assertTrue(cd.baseBytes() > 100L << 20 && cd.instanceBytes() < cd.baseBytes(),
                            "a linked clone: an overlay on the image, not a full copy: " + cd);
                    GuestExec ca = new QemuAgentExec((json, secs) -> svc.hypervisor().agentCommand(copy, json, secs))
                            .awaitAgent(Duration.ofMinutes(3));
                    String who = ca.exec(List.of("/bin/sh", "-c", "hostname; cat /etc/machine-id; id -un tester2; "
                            + "blockdev --getsize64 /dev/vda"), Duration.ofMinutes(1)).stdout();
                    List<String> lines = who.lines().toList();
                    assertEquals(copy, lines.get(0), who);
                    assertNotEquals(machineId, lines.get(1), "a new machine id: " + who);
                    assertEquals("tester2", lines.get(2), "the clone's seed made its user: " + who);
                    assertEquals(Long.toString(grown), lines.get(3), "the clone has the grown disk: " + who);
                    svc.remove(copy, true);
                    assertTrue(svc.hypervisor().find(copy).isEmpty());
                } finally {
                    if (svc.hypervisor().find(copy).isPresent()) {
                        svc.remove(copy, true);
                    }
                    svc.hypervisor().deleteVolume(VmService.POOL, copy + ".qcow2");
                    svc.hypervisor().deleteVolume(VmService.POOL, copy + "-seed.iso");
                }

                // rm: nothing left
                svc.remove(name, true);
                assertTrue(svc.hypervisor().find(name).isEmpty());
                List<String> vols = svc.hypervisor().listVolumes(VmService.POOL).stream().map(v -> v.name()).toList();
                assertFalse(vols.contains(label.overlayVol()), vols.toString());
                assertFalse(vols.contains(label.seedVol()), vols.toString());
                assertFalse(Files.exists(Path.of(label.consoleLog())));
                assertFalse(Files.exists(overlay));
            } finally {
                if (svc.hypervisor().find(name).isPresent()) {
                    svc.remove(name, true);
                }
                svc.hypervisor().deleteVolume(VmService.POOL, name + ".qcow2");
                svc.hypervisor().deleteVolume(VmService.POOL, name + "-seed.iso");
            }
        }
        assertNotEquals("", name);
    }

    private static java.util.Map<Phase, Long> millis(BootTimeline t) {
        java.util.Map<Phase, Long> m = new java.util.EnumMap<>(Phase.class);
        t.asMap().forEach((p, d) -> m.put(p, d.toMillis()));
        return m;
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }
}
