package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.VmInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One real boot under TCG on qemu:///system (no NIC): create from the default image with a user,
 * hostname and runcmd; wait for READY; check the console; snapshot, change the disk, revert,
 * check the change is gone; rm; check nothing is left.
 */
class VmLifecycleIT {
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
                        .withStart(true, true).withTimeout(Duration.ofMinutes(8));
                VmService.Created c = svc.create(req, t0, VmService.Listener.NONE);

                // timeline: every phase in order, on the host clock, and persisted
                BootTimeline t = c.timeline();
                for (Phase p : List.of(Phase.CREATED, Phase.STARTED, Phase.KERNEL, Phase.INIT, Phase.READY)) {
                    assertTrue(t.has(p), "missing " + p + " in " + t);
                }
                assertTrue(t.at(Phase.STARTED).get().compareTo(t.at(Phase.READY).get()) < 0);
                assertTrue(t.at(Phase.INIT).get().compareTo(t.at(Phase.READY).get()) <= 0);
                VmInfo vm = svc.info(name);
                assertEquals(t, vm.timeline(), "info shows the recorded timeline");
                assertEquals(GuestState.RUNNING, vm.state());
                HyperlabLabel label = vm.label().orElseThrow();

                // console log: hostname and runcmd output
                String log = Files.readString(svc.log(name));
                assertTrue(log.contains("hl-runcmd host=" + name + " user=tester"), tail(log));
                assertTrue(log.contains("hyperlab-ready " + label.instanceId()), tail(log));

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

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }
}
