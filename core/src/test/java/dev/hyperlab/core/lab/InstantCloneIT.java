package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.template.TemplateNames;
import dev.hyperlab.core.template.TemplateRecord;
import dev.hyperlab.core.vm.NetworkSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Instant clones under TCG on qemu:///system: a template made from the default image (its memory in a
 * file of its own, its saved state device state only), five clones restored from it (the last two
 * side by side), each ready with its own hostname, machine id, SSH host keys and login user; a
 * running clone's snapshot taken and reverted; one
 * of them stopped and cold-booted beside the others, keeping its identity; the template refused
 * removal while clones need it; everything gone after. One cold boot (the template's) and one cold
 * restart; the clones cost seconds each. The NIC is the restricted user-mode one (network rule).
 */
class InstantCloneIT {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.hyperlab.core.leak.LeakCheck LEAKS = dev.hyperlab.core.leak.LeakCheck.afterEach("hl-it-");
    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.hyperlab.core.leak.LeakCheck TEMPLATE_LEAKS = dev.hyperlab.core.leak.LeakCheck.afterEach("hl-template-itt");

    private static final String URI = "qemu:///system";

    @Test
    void templateFiveClonesColdRestartRemove() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 6);
        String template = "itt-" + id;
        String image = TestImages.ensureDefault();
        List<String> clones = new ArrayList<>();
        try (VmService svc = VmServices.openDefault(URI)) {
            try {
                TemplateRecord t = svc.templates().create(new VmTemplates.Request(template, image, 2, 1L << 30,
                        Optional.empty(), Duration.ofMinutes(10)), System.nanoTime(), VmService.Listener.NONE, Cancellation.NONE);
                assertTrue(svc.hypervisor().find(TemplateNames.domain(template)).isEmpty(), "the template's VM is gone");
                // On a host whose QEMU can be given a file (no AppArmor/SELinux confinement), as here: the
                // guest's memory is in the template's memory file, and the saved state is device state only.
                assertTrue(t.hasMemoryFile(), "the template keeps its memory in a file of its own");
                long memoryFile = svc.templates().list().stream().filter(l -> l.name().equals(template)).findFirst()
                        .orElseThrow().memoryBytes();
                assertTrue(memoryFile > 10L << 20, "the memory file holds the guest's memory: " + memoryFile);
                assertTrue(t.stateBytes() < 8L << 20, "the saved state holds no RAM: " + t.stateBytes());
                assertEquals(ErrorCode.CONFLICT, assertThrows(HyperlabException.class, () -> svc.templates().create(
                        new VmTemplates.Request(template, image, 2, 1L << 30, Optional.empty(), Duration.ofMinutes(1)),
                        System.nanoTime(), VmService.Listener.NONE, Cancellation.NONE)).code());

                List<String> identities = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    String name = "hl-it-" + id + "-" + i;
                    clones.add(name);
                    identities.add(cloneAndCheck(svc, name, template));
                }
                // two more side by side: clones of one template share its lock, and are made at once
                List<String> pair = List.of("hl-it-" + id + "-4", "hl-it-" + id + "-5");
                clones.addAll(pair);
                List<java.util.concurrent.CompletableFuture<String>> made = pair.stream()
                        .map(n -> java.util.concurrent.CompletableFuture.supplyAsync(() -> cloneAndCheck(svc, n, template)))
                        .toList();
                for (var f : made) {
                    identities.add(f.join());
                }
                for (int field = 0; field < 4; field++) {
                    HashSet<String> seen = new HashSet<>();
                    for (String s : identities) {
                        seen.add(s.split("\n")[field]);
                    }
                    assertEquals(5, seen.size(), "field " + field + " (hostname, machine id, ed25519, rsa) pairwise different: "
                            + identities);
                }

                HyperlabException needed = assertThrows(HyperlabException.class, () -> svc.templates().remove(template));
                assertEquals(ErrorCode.CONFLICT, needed.code());
                assertTrue(needed.getMessage().contains(clones.get(0)), needed.getMessage());
                assertEquals(clones.stream().sorted().toList(),
                        svc.templates().list().stream().filter(l -> l.name().equals(template)).findFirst().orElseThrow()
                                .clones().stream().sorted().toList());

                // a running clone's snapshot holds its whole memory, as any VM's does, and reverts
                String second = clones.get(1);
                svc.snapshotCreate(second, "before", "");
                assertEquals(0, svc.exec(second, List.of("/bin/sh", "-c", "echo after > /root/after; sync"),
                        Duration.ofMinutes(1)).exitCode());
                svc.snapshotRevert(second, "before");
                ExecResult reverted = svc.exec(second, List.of("/bin/sh", "-c", "hostname; test -e /root/after && echo kept"),
                        Duration.ofMinutes(1));
                assertEquals(second, reverted.stdout().strip(), "back to before the file was written: " + reverted.stdout());
                svc.snapshotDelete(second, "before");

                // a clone is a full VM: stopped and cold-booted beside the others, it keeps its identity
                String first = clones.get(0);
                svc.destroy(first);
                BootTimeline cold = svc.start(first, true, Duration.ofMinutes(10), System.nanoTime(), VmService.Listener.NONE);
                assertTrue(cold.has(Phase.KERNEL) && cold.has(Phase.READY), cold.toString());
                ExecResult again = svc.exec(first, List.of("/bin/sh", "-c", "hostname; cat /etc/machine-id;"
                        + " ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub | cut -d' ' -f2"), Duration.ofMinutes(1));
                assertEquals(String.join("\n", List.of(identities.get(0).split("\n")).subList(0, 3)), again.stdout().strip(),
                        "cloud-init takes the cold boot for the instance it set up: same hostname, machine id, host keys");
            } finally {
                for (String c : clones) {
                    if (svc.hypervisor().find(c).isPresent()) {
                        svc.remove(c, true);
                    }
                }
                if (svc.templates().store().exists(template)) {
                    svc.templates().remove(template);
                }
            }
            assertTrue(svc.hypervisor().listVolumes(VmService.POOL).stream().noneMatch(v -> v.name().contains(id)),
                    "no volume of the template or its clones is left");
        }
    }

    /** One clone made and checked: its phases, state, empty snapshot list, identity, runcmd and login user. */
    private static String cloneAndCheck(VmService svc, String name, String template) {
        InstantCloneRequest req = InstantCloneRequest.of(name, template).withUser("tester", List.of())
                .withRuncmd(List.of("echo runcmd-ran-in-$(hostname) > /run/hl-runcmd"))
                .withNetwork(NetworkSpec.USER);
        VmService.Created c = svc.createFromTemplate(req, System.nanoTime(), VmService.Listener.NONE,
                Cancellation.NONE);
        BootTimeline tl = c.timeline();
        for (Phase p : List.of(Phase.CREATED, Phase.RESTORED, Phase.IDENTITY, Phase.READY, Phase.SSH)) {
            assertTrue(tl.has(p), name + " misses " + p + ": " + tl);
        }
        assertTrue(tl.at(Phase.RESTORED).get().compareTo(tl.at(Phase.READY).get()) <= 0, tl.toString());
        assertEquals(GuestState.RUNNING, c.vm().state());
        assertTrue(svc.snapshots(name).isEmpty(), "a clone's snapshot list starts empty");
        ExecResult who = svc.exec(name, List.of("/bin/sh", "-c", "hostname; cat /etc/machine-id;"
                + " ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub | cut -d' ' -f2;"
                + " ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub | cut -d' ' -f2; cat /run/hl-runcmd;"
                + " runuser -u tester -- sudo -n id -un"), Duration.ofMinutes(1));
        assertEquals(0, who.exitCode(), who.stderr());
        String[] lines = who.stdout().strip().split("\n");
        assertEquals(6, lines.length, who.stdout());
        assertEquals(name, lines[0], "its own hostname");
        assertEquals("runcmd-ran-in-" + name, lines[4], "the runcmd ran after the hostname was set");
        assertEquals("root", lines[5], "the login user exists and has sudo");
        return who.stdout();
    }
}
