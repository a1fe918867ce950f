package dev.hyperlab.tui.view;

import dev.hyperlab.core.vm.ScriptedConsole;
import dev.hyperlab.core.lab.FakeHypervisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.lab.CloudInitSeedMaker;
import dev.hyperlab.core.lab.GuestRecipe;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.tui.data.GuestDefaults;
import dev.hyperlab.tui.host.HostInfoProbe;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The create wizard: the form, refusals shown inline with nothing created, and the boot timeline
 * filling in live as the (scripted) guests print their markers. VMs go through the real VmService
 * on core's FakeHypervisor; the container side is the test double of its port.
 */
class WizardScreenTest extends GuestScreenFixture {
    private static final String PHASE = " +\\d+\\.\\d s";

    /** Opens the wizard and puts the focus on Name: (Kind, Image, then Name). */
    private void openAt(String kindRights) throws InterruptedException {
        screen.type("c");
        screen.awaitText("Create guests");
        for (int i = 0; i < kindRights.length(); i++) {
            screen.key(KeyType.ArrowRight);
        }
        screen.key(KeyType.Tab, 2);
    }

    /** From the Name field: Enter through the fields to Create, and press it. */
    private void createFromName() {
        screen.key(KeyType.Enter, 8); // vCPUs, Memory, Disk, User, SSH keys, Cloud-config, VM NIC, Create
        screen.key(KeyType.Enter);
    }

    @Test
    void quittingWhileAGuestIsBeingCreatedAsksFirstAndWaitingForItIsPossible() throws Exception {
        openAt("R"); // container: the fake's create step holds until the test says CREATED
        screen.type("hl-tui-q1");
        createFromName();
        screen.awaitText("Booting");
        screen.key(KeyType.Escape);
        screen.awaitNoText("Booting");
        screen.type("q");
        screen.await("the question", s -> flat(s).contains("ct/hl-tui-q1 is still being created"));
        screen.type("n");
        screen.awaitNoText("still being created");
        assertFalse(screen.session.window().hasQuit());
        cts.reach(Phase.CREATED);
        screen.await("the row", s -> s.lines().anyMatch(l -> l.matches("ct +hl-tui-q1 .*")));
        screen.type("q"); // created: its boot may go on alone
        for (int i = 0; i < 50 && !screen.session.window().hasQuit(); i++) {
            Thread.sleep(100);
        }
        assertTrue(screen.session.window().hasQuit());
    }

    @Test
    void formAt80x24WithDefaultsAndEveryLabel() throws Exception {
        screen.type("c");
        String t = screen.awaitText("Create guests");
        for (String label : List.of("Kind:", "< VM >", "Image:", "tiny", "Name:", "vCPUs:", "Memory:", "1G", "Disk:",
                "User:", "SSH keys:", "id_test.pub", "Cloud-config:", "VM NIC:", "< none >", "<Create>", "<Cancel>")) {
            assertTrue(t.contains(label), label + " missing:\n" + t);
        }
        assertTrue(t.contains("Left/Right: a VM, a system container, or both"), "the focused field's hint\n" + t);
        screen.key(KeyType.ArrowRight);
        screen.awaitText("< container >");
        screen.key(KeyType.ArrowRight);
        screen.awaitText("< both >");
        screen.key(KeyType.Escape);
        screen.awaitNoText("Create guests");
        assertTrue(cts.created.isEmpty() && hv.find("hl-tui-none").isEmpty());
    }

    @Test
    void theFormProposesTheDefaultsOfConfigYaml() throws Exception {
        screen.close(); // closes the hypervisor's connection too: the new screen gets its own
        hv = FakeHypervisor.likeTheTestDriver();
        screen = new ScreenHarness(80, 24, () -> HostInfoProbe.probe("test:///default", dataDir), dataDir, hv, cts,
                new GuestDefaults("tiny", "3", "2G", "8G", "alice", "user", List.of(sshKey)));
        screen.awaitText("running");
        screen.type("c");
        String t = screen.awaitText("Create guests");
        for (String shown : List.of("3", "2G", "8G", "alice", "< user (restricted")) {
            assertTrue(t.contains(shown), shown + " missing:\n" + t);
        }
        screen.key(KeyType.Escape);
    }

    @Test
    void colonCreateOpensTheWizardToo() throws Exception {
        screen.type(":create");
        screen.key(KeyType.Enter);
        screen.awaitText("Create guests");
        screen.key(KeyType.Escape);
        screen.awaitNoText("Create guests");
    }

    @Test
    void badInputIsRefusedInlineAndNothingIsCreated() throws Exception {
        openAt("");
        screen.type("Bad_");
        screen.ctrl('u'); // unbound: must not type a 'u'
        screen.type("Name");
        createFromName();
        String t = screen.awaitText("! bad VM name 'Bad_Name'");
        assertTrue(t.contains("Create guests"), "the wizard stays open to fix it\n" + t);
        // A size that does not parse is refused before any service is asked.
        screen.key(KeyType.ReverseTab, 6); // from Create back to Memory
        screen.key(KeyType.Backspace, 2);
        screen.type("lots");
        screen.key(KeyType.Enter, 6);
        screen.key(KeyType.Enter);
        screen.awaitText("! bad memory 'lots': not a size");
        screen.key(KeyType.Escape);
        screen.awaitNoText("Create guests");
        assertTrue(hv.list().stream().noneMatch(v -> v.name().equalsIgnoreCase("bad_name")));
        assertTrue(cts.created.isEmpty());
    }

    @Test
    void bothKindsAreCheckedFirstAndARefusalOfEitherCreatesNeither() throws Exception {
        cts.refusal = "creating container hl-tui-w0 failed: the name is taken";
        openAt("RR");
        screen.type("hl-tui-w0");
        createFromName();
        screen.await("the container's refusal", s -> flat(s).contains(
                "! ct: creating container hl-tui-w0 failed: the name is taken; try another"));
        assertTrue(hv.find("hl-tui-w0").isEmpty(), "the VM passed its check but must not be created");
        assertTrue(cts.created.isEmpty());
    }

    @Test
    void bothBootLiveWithTheSamePhasesAndReturnToTheList() throws Exception {
        openAt("RR");
        screen.type("hl-tui-w1");
        screen.key(KeyType.Tab, 4); // vCPUs, Memory, Disk, User
        screen.type("dev");
        screen.key(KeyType.Enter, 4); // SSH keys, Cloud-config, VM NIC, Create
        screen.key(KeyType.Enter);

        String t = screen.awaitText("Booting");
        ScriptedConsole console = hv.console("hl-tui-w1"); // opened by the boot watcher: the VM is started
        t = screen.await("vm created and started, waiting for kernel", s -> {
            return line(s, "vm/hl-tui-w1", 1).matches("created" + PHASE) && line(s, "vm/hl-tui-w1", 2).matches("started" + PHASE)
                    && line(s, "vm/hl-tui-w1", 3).matches("kernel +\\.\\.\\.") && line(s, "vm/hl-tui-w1", 5).matches("ready +-");
        });
        assertTrue(line(t, "vm/hl-tui-w1", 0).matches("vm/hl-tui-w1  booting \\d+\\.\\d s: waiting for kernel"), t);
        assertTrue(line(t, "ct/hl-tui-w1", 0).matches("ct/hl-tui-w1  booting .*"), t);

        console.emit("[    0.000000] Linux version 6.1.0-28-cloud-amd64\r\n");
        screen.await("kernel reached", s -> line(s, "vm/hl-tui-w1", 3).matches("kernel" + PHASE)
                && line(s, "vm/hl-tui-w1", 4).matches("init +\\.\\.\\."));
        console.emit("Welcome to Debian GNU/Linux 12 (bookworm)!\r\n");
        screen.await("init reached", s -> line(s, "vm/hl-tui-w1", 4).matches("init" + PHASE));

        for (Phase p : List.of(Phase.CREATED, Phase.STARTED, Phase.INIT, Phase.READY)) {
            cts.reach(p);
        }
        t = screen.await("the container ready", s -> line(s, "ct/hl-tui-w1", 0).matches("ct/hl-tui-w1  ready in \\d+\\.\\d s"));
        assertEquals(List.of("created", "started", "init", "ready"), section(t, "ct/hl-tui-w1").subList(1, 5).stream()
                .map(l -> l.split(" +")[0]).toList(), "a container has no kernel phase of its own");
        assertTrue(line(t, "vm/hl-tui-w1", 5).matches("ready +\\.\\.\\."), "the VM still boots\n" + t);

        String iid = hv.get("hl-tui-w1").label().orElseThrow().instanceId();
        console.emit("[   58.1] cloud-init[612]: " + new CloudInitSeedMaker().readinessLine(iid) + "\r\n");
        t = screen.await("the VM ready", s -> line(s, "vm/hl-tui-w1", 5).matches("ready" + PHASE));
        assertTrue(line(t, "vm/hl-tui-w1", 0).matches("vm/hl-tui-w1  ready in \\d+\\.\\d s"), t);
        screen.awaitText("all ready: back to the list in 3 s (Enter: now)");
        t = screen.awaitNoText("Booting"); // back to the list by itself
        assertTrue(t.lines().anyMatch(l -> l.matches("vm +hl-tui-w1 +running +2 +1\\.0G .* \\d+\\.\\ds +-")), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("ct +hl-tui-w1 +running .*")), t);
        assertTrue(t.contains("vm/hl-tui-w1  running") && t.matches("(?s).*boot: created \\d.*ready \\d.*"),
                "the new VM is selected and its timeline in the detail pane\n" + t);

        // One configuration, two guests: what each service was asked to make.
        VmInfo vm = hv.get("hl-tui-w1");
        assertEquals(2, vm.vcpus());
        assertEquals(1L << 30, vm.memoryBytes());
        GuestRecipe ct = cts.created.get(0);
        assertEquals("hl-tui-w1", ct.name());
        assertEquals(TinyImage.NAME, ct.image());
        assertEquals(Optional.of("dev"), ct.user());
        assertEquals(List.of(sshKey), ct.sshKeyFiles());
        assertEquals(ct.systemContainer().loginUser(), ct.vm().user());
        assertTrue(vm.timeline().has(Phase.READY), "the VM service saved the timeline it measured");
    }

    @Test
    void escLeavesTheBootRunningItsRowShowsItAndALaterFailureIsADialog() throws Exception {
        openAt("R");
        screen.type("hl-tui-w2");
        createFromName();
        screen.awaitText("Booting");
        cts.reach(Phase.CREATED);
        cts.reach(Phase.STARTED);
        screen.await("started", s -> line(s, "ct/hl-tui-w2", 2).matches("started" + PHASE));
        screen.key(KeyType.Escape);
        String t = screen.awaitLine("ct +hl-tui-w2 +running .* started +-");
        assertTrue(!t.contains("Booting"), t);
        cts.fail("starting container hl-tui-w2 failed: not ready after 300 s");
        t = screen.awaitText("Error");
        assertTrue(flat(t).contains("ct/hl-tui-w2: starting container hl-tui-w2 failed: not ready after 300 s; "
                + "try a longer wait"), t);
        screen.key(KeyType.Enter);
        screen.awaitLine("ct +hl-tui-w2 +running .* - +-"); // no longer followed: READY is "-" again
    }

    @Test
    void aFailedBootShowsInTheTimelineAndTheWholeMessageInADialog() throws Exception {
        openAt("R");
        screen.type("hl-tui-w3");
        createFromName();
        screen.awaitText("Booting");
        cts.reach(Phase.CREATED);
        cts.fail("starting container hl-tui-w3 failed: not ready after 300 s; last output: [" + "x".repeat(300) + "]");
        String t = screen.awaitText("Error");
        assertTrue(flat(t).contains("ct/hl-tui-w3: starting container hl-tui-w3 failed"), t);
        screen.key(KeyType.Enter); // close the dialog: the timeline is still there
        t = screen.await("the failed headline", s -> line(s, "ct/hl-tui-w3", 0).matches("ct/hl-tui-w3  failed after \\d+\\.\\d s"));
        assertTrue(line(t, "ct/hl-tui-w3", 1).matches("created" + PHASE), t);
        assertTrue(line(t, "ct/hl-tui-w3", 5).startsWith("! starting container hl-tui-w3 failed")
                && line(t, "ct/hl-tui-w3", 7).endsWith("~") && line(t, "ct/hl-tui-w3", 8).isEmpty(),
                "three lines of the error, the cut marked\n" + t);
        assertTrue(t.contains("Enter/Esc: back to the list"), t);
        screen.key(KeyType.Enter);
        screen.awaitNoText("Booting");
    }
}
