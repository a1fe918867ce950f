package dev.hyperlab.tui.view;

import dev.hyperlab.core.vm.ScriptedConsole;
import dev.hyperlab.core.lab.FakeHypervisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.CloudInitSeedMaker;
import dev.hyperlab.core.lab.ImageService;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.labrun.LabStates;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.store.ImageUsage;
import dev.hyperlab.tui.data.GuestDefaults;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.host.HostInfoProbe;
import dev.hyperlab.tui.images.StoreImagesBackend;
import dev.hyperlab.tui.labs.CoreLabsBackend;
import dev.hyperlab.tui.labs.LabFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labs view and the guest list's labs, on an 80x24 virtual terminal. Labs are brought up and down
 * by core's own lab runner, as {@code hyperlab up} does, over the session's VM service on core's
 * FakeHypervisor (networks and domains in memory; serial consoles the test speaks for); containers
 * are the test double of their port. Lab files are looked for in a directory of the test's own, as
 * if hyperlab had been started there, and in a config directory's {@code labs/}.
 */
class LabsScreenTest {
    private static final String PHASE = "\\d+\\.\\d s";

    @TempDir Path dataDir;
    @TempDir Path here;
    @TempDir Path config;

    FakeHypervisor hv;
    FakeContainers cts;
    ScreenHarness screen;
    CoreLabsBackend labs;
    LabStates states;

    @BeforeEach
    void openScreen() throws Exception {
        hv = FakeHypervisor.likeTheTestDriver();
        cts = new FakeContainers();
        states = new LabStates(dataDir);
        Files.writeString(here.resolve("id_test.pub"), GuestScreenFixture.PUBLIC_KEY + "\n");
        Files.createDirectories(config.resolve("labs"));
        screen = new ScreenHarness(80, 24, () -> HostInfoProbe.probe("test:///default", dataDir), dataDir, hv, cts,
                GuestDefaults.builtIn(TinyImage.NAME, List.of(here.resolve("id_test.pub"))), vms -> {
                    labs = new CoreLabsBackend(() -> vms, () -> { // no Podman here: a lab of VMs needs none
                        throw new HyperlabException(ErrorCode.UNAVAILABLE, "the container engine does not answer",
                                "try scripts/setup.sh");
                    }, dataDir, image -> image.equals(TinyImage.NAME), (lab, board) -> { },
                            new LabFinder(here, config.resolve("labs")));
                    return new ViewServices(new StoreImagesBackend(new ImageService(dataDir.resolve("images"),
                            Catalog.builtIn(), () -> ImageUsage.NONE), (images, p) -> "not built in tests"),
                            new NoCompare(), labs);
                });
        screen.awaitText("running"); // the list is loaded (the test driver's own domain runs)
    }

    @AfterEach
    void closeScreen() {
        for (LabState s : states.all()) {
            try {
                labs.down(s.lab()); // whatever a test left up: networks and VMs
            } catch (HyperlabException e) {
                states.remove(s.lab()); // a lab of (fake) containers, which down cannot reach here
            }
        }
        for (VmInfo v : hv.list()) {
            if (v.name().startsWith("hl-tui-")) {
                screen.vms.remove(new GuestKey(dev.hyperlab.core.model.GuestKind.VM, v.name()));
            }
        }
        screen.close();
    }

    /** A lab of one VM on one network, in hyperlab.yaml here. */
    private void writeLabOfOneVm(String lab, String vm) throws Exception {
        Files.writeString(here.resolve("hyperlab.yaml"), "name: " + lab + "\n"
                + "networks:\n  lan: {}\n"
                + "guests:\n  " + vm + ": {kind: vm, image: tiny, ssh-keys: [id_test.pub], networks: [lan]}\n");
    }

    /** The labs table's line for {@code lab} (whole line, trailing blanks trimmed), or "" while it is not drawn. */
    private static String row(String screenText, String lab) {
        return screenText.lines().filter(l -> l.startsWith(lab + " ")).findFirst().orElse("");
    }

    @Test
    @DisplayName("L lists the lab files here and in the config directory's labs/, and the labs that are up, merged by "
            + "name with their state and guests up; a YAML file that is not a lab is left out")
    void theLabsViewListsFilesAndLabsThatAreUp() throws Exception {
        Files.writeString(here.resolve("hyperlab.yaml"), "name: hl-tui-files\nguests:\n"
                + "  hl-tui-f1: {kind: vm, image: tiny}\n  hl-tui-f2: {kind: system, image: tiny}\n");
        Files.writeString(here.resolve("compose.yaml"), "services:\n  web: {image: nginx}\n"); // not a lab: not listed
        Files.writeString(config.resolve("labs/broken.yaml"), "name: hl-tui-broken\nguests:\n  Bad_Name: {kind: vm}\n");
        // A lab brought up earlier from a file elsewhere: its state names one system container, which runs.
        states.save(new LabState("hl-tui-up", "/srv/other/hyperlab.yaml", "iid", Map.of("lan",
                new LabState.Net("192.168.150.0/24", "hl0123456789", "hl-hl-tui-up-lan", "hl-hl-tui-up-lan")),
                Map.of("hl-tui-db", new LabState.Guest("system", Map.of(), Map.of("lan", "192.168.150.20"), 2.9))));
        cts.add("hl-tui-db", GuestState.RUNNING);

        screen.type("L");
        String t = screen.await("both labs and the broken file", s -> !row(s, "hl-tui-up").isEmpty()
                && !row(s, "hl-tui-files").isEmpty() && !row(s, "broken.yaml").isEmpty());
        assertTrue(t.split("\n")[0].startsWith("Labs in " + here), t);
        // A file where hyperlab was started is shown by its name; elsewhere, by its path.
        assertTrue(row(t, "hl-tui-files").matches("hl-tui-files +not up +0/2 +0 +hyperlab\\.yaml"), t);
        assertTrue(row(t, "hl-tui-up").matches("hl-tui-up +up +1/1 +1 +/srv/other/hyperlab\\.yaml"), t);
        assertTrue(row(t, "broken.yaml").matches("broken\\.yaml +invalid +- +0 +/tmp/.*"), t);
        assertFalse(t.contains("compose"), "a YAML file that does not parse as a lab is no lab\n" + t);
        assertTrue(t.split("\n")[0].endsWith("3 labs, 1 up"), t);

        // The rows are sorted by name: the first is selected, its guests and networks below the table.
        assertTrue(t.contains("hl-tui-files  not up  file hyperlab.yaml"), t);
        assertTrue(t.contains("guests: hl-tui-f1 vm, hl-tui-f2 system"), t);
        screen.key(KeyType.ArrowDown);
        t = screen.awaitText("hl-tui-up  up  up from /srv/other/hyperlab.yaml");
        assertTrue(t.contains("guests: hl-tui-db system 192.168.150.20"), t);
        assertTrue(t.contains("networks: lan 192.168.150.0/24 (bridge hl0123456789)"), t);
        screen.key(KeyType.ArrowDown);
        t = screen.awaitText("guests.Bad_Name");
        assertTrue(GuestScreenFixture.flat(t).contains("lab file broken.yaml is invalid"), t);

        cts.add("hl-tui-db", GuestState.STOPPED); // the lab's only guest stops: it is up no more, but still there
        screen.await("partial", s -> row(s, "hl-tui-up").matches("hl-tui-up +partial +0/1 .*"));
        screen.key(KeyType.Escape);
        screen.awaitNoText("Labs in");
    }

    @Test
    @DisplayName("u brings the selected lab up through core's lab runner with a live board: the network, then each "
            + "guest's phases on the up's clock; Enter hides the board; the list shows the guest in its lab at its "
            + "lab address; d asks, then removes it all")
    void upWithALiveBoardThenDown() throws Exception {
        writeLabOfOneVm("hl-tui-lab1", "hl-tui-l1");
        screen.type("L");
        screen.await("the lab, not up", s -> row(s, "hl-tui-lab1").matches("hl-tui-lab1 +not up +0/1 .*"));
        screen.type("u");
        String t = screen.awaitText("lab hl-tui-lab1: bringing it up");
        ScriptedConsole console = hv.console("hl-tui-l1"); // the boot watcher opened it: the VM is started
        t = screen.await("the board's rows", s -> s.lines().anyMatch(l -> l.matches(".*lan +network +creating "
                + "hl-hl-tui-lab1-lan .*")) && s.lines().anyMatch(l -> l.matches(".*hl-tui-l1 +vm +started at " + PHASE
                + ".*")));
        assertTrue(t.contains("Esc:cancel  Enter:hide"), t);

        String iid = hv.get("hl-tui-l1").label().orElseThrow().instanceId();
        console.emit("[    0.000000] Linux version 6.1.0-28-cloud-amd64\r\n");
        console.emit("[   58.1] cloud-init[612]: " + new CloudInitSeedMaker().readinessLine(iid) + "\r\n");
        t = screen.await("ready", s -> s.lines().anyMatch(l -> l.matches(".*hl-tui-l1 +vm +ready at " + PHASE + ".*"))
                && s.contains("lab hl-tui-lab1 is up in"));
        assertTrue(t.contains("Enter/Esc: close"), t);
        screen.key(KeyType.Enter);
        t = screen.await("the lab up", s -> row(s, "hl-tui-lab1").matches("hl-tui-lab1 +up +1/1 +1 .*"));
        assertTrue(t.contains("up hl-tui-lab1: lab hl-tui-lab1 is up in"), "the last run under the table\n" + t);
        LabState st = states.find("hl-tui-lab1").orElseThrow();
        String address = st.guests().get("hl-tui-l1").addresses().get("lan");

        screen.key(KeyType.Escape); // the list: the VM, in its lab, at its lab address
        screen.type("/hl-tui-l1");
        screen.key(KeyType.Enter);
        t = screen.awaitLine("vm +hl-tui-l1 +running .* " + address.replace(".", "\\."));
        assertTrue(t.contains("vm/hl-tui-l1  running  image tiny  lab hl-tui-lab1  address lan " + address), t);

        screen.type("L");
        screen.await("the lab up", s -> row(s, "hl-tui-lab1").matches("hl-tui-lab1 +up .*"));
        screen.type("d");
        t = screen.awaitText("Take lab hl-tui-lab1 down?");
        assertTrue(GuestScreenFixture.flat(t).contains("Its 1 guest (with their disks and seeds) and 1 network are removed"),
                t);
        screen.type("y");
        t = screen.await("down", s -> s.contains("lab hl-tui-lab1 is down: removed 2 things")
                && row(s, "hl-tui-lab1").matches("hl-tui-lab1 +not up +0/1 .*"));
        assertTrue(hv.find("hl-tui-l1").isEmpty(), "the VM is gone");
        assertTrue(hv.labNetworks().stream().noneMatch(n -> n.lab().equals("hl-tui-lab1")), "and its network");
        assertTrue(states.find("hl-tui-lab1").isEmpty(), "and its state");
    }

    @Test
    @DisplayName("Enter hides the board and the up goes on (u shows it again; quitting asks first); Esc or Ctrl-C "
            + "asks, then cancels the up: the VM being made undoes itself and the board says so")
    void hideThenCancelTheUp() throws Exception {
        writeLabOfOneVm("hl-tui-lab2", "hl-tui-l2");
        screen.type("L");
        screen.await("the lab", s -> !row(s, "hl-tui-lab2").isEmpty());
        screen.type("u");
        hv.console("hl-tui-l2"); // started, waiting for its boot
        screen.awaitLine(".*hl-tui-l2 +vm +started at .*");
        screen.key(KeyType.Enter); // hide: the up goes on
        String t = screen.awaitText("up hl-tui-lab2: running");
        assertTrue(t.contains("(u shows the board)"), t);
        screen.key(KeyType.Escape);
        screen.awaitNoText("Labs in");
        screen.type("q");
        screen.await("the question", s -> GuestScreenFixture.flat(s).contains("lab hl-tui-lab2 is being brought up: "
                + "quitting cancels it"));
        screen.type("n");
        screen.awaitNoText("Quit now");
        assertFalse(screen.session.window().hasQuit());

        screen.type("L");
        screen.type("u"); // the same lab: its board again, not a second up
        screen.awaitLine(".*hl-tui-l2 +vm +started at .*");
        screen.key(KeyType.Escape);
        screen.awaitText("Cancel bringing up lab hl-tui-lab2?");
        screen.type("n"); // no: it goes on
        screen.awaitNoText("Cancel bringing up");
        assertTrue(hv.find("hl-tui-l2").isPresent());
        screen.ctrl('c'); // Ctrl-C asks the same
        screen.awaitText("Cancel bringing up lab hl-tui-lab2?");
        screen.type("y");
        t = screen.awaitText("up cancelled: 0 of 1 guests are up and stay; d removes all");
        assertTrue(t.lines().anyMatch(l -> l.matches(".*hl-tui-l2 +vm +failed: booting VM hl-tui-l2 was .*")),
                t);
        assertTrue(hv.find("hl-tui-l2").isEmpty(), "the VM being made undid itself");
        screen.key(KeyType.Escape); // ended: Esc closes the board
        screen.await("the lab partly up", s -> row(s, "hl-tui-lab2").matches("hl-tui-lab2 +partial +0/1 .*"));
    }

    @Test
    @DisplayName("Enter in the labs view shows only that lab's guests; v groups the list by lab, the LAB column first; "
            + "ADDRESS shows a lab guest's lab address and a VM's SSH forward")
    void labFilterGroupingAndAddresses() throws Exception {
        states.save(new LabState("hl-tui-web", "/srv/web/hyperlab.yaml", "iid", Map.of(), Map.of(
                "hl-tui-db", new LabState.Guest("system", Map.of(), Map.of("lan", "192.168.150.20"), 2.9))));
        cts.add("hl-tui-db", GuestState.RUNNING);
        cts.add("hl-tui-o", GuestState.RUNNING);
        hv.destroy("test"); // the test driver's own VM, as if made with a user-mode NIC
        hv.undefine("test");
        hv.defineForeign("test", 2, 8L << 30, new dev.hyperlab.core.vm.NetworkSpec.UserRestricted(2222));
        hv.start("test", false);
        String t = screen.awaitLine("ct +hl-tui-db +running .* 192\\.168\\.150\\.20");
        assertTrue(t.split("\n")[2].matches("KIND +NAME +STATE +CPU +MEM +CPU% +UPTIME +READY +ADDRESS"), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("vm +test +running .* 127\\.0\\.0\\.1:2222")), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("ct +hl-tui-o +running .* -")), t);

        screen.type("L");
        screen.await("the lab", s -> !row(s, "hl-tui-web").isEmpty());
        screen.key(KeyType.Enter); // its guests only
        t = screen.await("only the lab's guest", s -> !s.contains("hl-tui-o") && s.contains("hl-tui-db")
                && s.split("\n")[23].endsWith("@hl-tui-web 1/3"));
        assertFalse(t.contains(" test "), t);
        screen.key(KeyType.Escape); // every guest again
        screen.awaitText("hl-tui-o");

        screen.type("v"); // grouped: the lab's guests first, under a LAB column
        t = screen.await("grouped", s -> s.split("\n")[2].startsWith("LAB "));
        List<String> rows = List.of(t.split("\n")).subList(3, 6);
        assertTrue(rows.get(0).matches("hl-tui-web +ct +hl-tui-db +running .*"), "the lab's guest first\n" + t);
        assertTrue(rows.get(1).matches("- +vm +test +running .*"), t);
        assertEquals(List.of("hl-tui-db", "test", "hl-tui-o"), rows.stream().map(r -> r.split(" +")[2]).toList(),
                "then the guests of no lab, VMs first as in the flat list\n" + t);
        screen.type(":lab hl-tui-web");
        screen.key(KeyType.Enter);
        screen.await("the lab filter from the command line", s -> s.split("\n")[23].endsWith("@hl-tui-web 1/3"));
        screen.type("v");
        screen.await("one list again", s -> s.split("\n")[2].startsWith("KIND "));
    }
}
