package dev.hyperlab.tui.view;

import dev.hyperlab.core.lab.FakeHypervisor;
import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.host.HostInfoProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUI on an 80x24 virtual terminal with the guest views: VMs through the real VmService on
 * core's {@link FakeHypervisor} (which keeps the Hypervisor port's promises as the libvirt adapter
 * does: core's contract kit; scripted serial consoles), starting with the one running domain libvirt's
 * test driver has, "test"; containers from {@link FakeContainers}. Every VM named hl-tui-* is removed
 * afterwards, volumes and all.
 */
abstract class GuestScreenFixture {
    static final String PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHl0dWl0ZXN0a2V5 hl-tui@test";

    @TempDir
    Path dataDir;

    FakeHypervisor hv;
    FakeContainers cts;
    ScreenHarness screen;
    Path sshKey;

    @BeforeEach
    void openScreen() throws Exception {
        hv = FakeHypervisor.likeTheTestDriver();
        cts = new FakeContainers();
        sshKey = dataDir.resolve("id_test.pub");
        Files.writeString(sshKey, PUBLIC_KEY + "\n");
        screen = new ScreenHarness(80, 24, () -> HostInfoProbe.probe("test:///default", dataDir), dataDir, hv, cts,
                List.of(sshKey));
        screen.awaitText("running"); // the list is loaded (the domain "test" runs)
    }

    @AfterEach
    void closeScreen() {
        for (VmInfo v : hv.list()) {
            if (v.name().startsWith("hl-tui-")) {
                screen.vms.remove(new GuestKey(dev.hyperlab.core.model.GuestKind.VM, v.name()));
            }
        }
        screen.close();
    }

    /**
     * A VM some other tool made (no hyperlab label, so VmService keeps its log under logs/), of
     * {@code memMiB} and {@code vcpus}, running or stopped.
     */
    void foreignVm(String name, int memMiB, int vcpus, boolean running) {
        hv.defineForeign(name, vcpus, (long) memMiB << 20, dev.hyperlab.core.vm.NetworkSpec.NONE);
        if (running) {
            hv.start(name, false);
        }
    }

    /** Shows only {@code name} in the list and selects it. */
    void select(String name) throws InterruptedException {
        screen.type("/" + name);
        screen.key(KeyType.Enter);
        screen.await(name + " selected", t -> t.lines().anyMatch(l -> l.matches("(vm|ct) +" + name + " .*"))
                && t.split("\n")[23].matches(".* 1/\\d+"));
    }

    /** The screen's text without window borders, wrapped lines joined: for messages that wrap. */
    static String flat(String screenText) {
        return screenText.replaceAll("[│┌┐└┘─]", " ").replaceAll("\\s+", " ");
    }

    /** Line {@code i} of a guest's section of the boot window; "" while it is not drawn. */
    static String line(String screenText, String header, int i) {
        List<String> s = section(screenText, header);
        return i < s.size() ? s.get(i) : "";
    }

    /** The lines of the boot window from {@code header} (e.g. "vm/x") up to the next guest or the end. */
    static List<String> section(String screenText, String header) {
        List<String> out = new java.util.ArrayList<>();
        boolean in = false;
        for (String raw : screenText.split("\n")) {
            int left = raw.indexOf('│');
            int right = raw.lastIndexOf('│');
            String l = left >= 0 && right > left ? raw.substring(left + 1, right).strip() : ""; // inside the window
            if (l.startsWith(header + "  ")) {
                in = true;
            } else if (in && (l.matches("(vm|ct)/\\S+  .*") || l.isEmpty())) {
                break;
            }
            if (in) {
                out.add(l);
            }
        }
        return out;
    }
}
