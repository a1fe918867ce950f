package dev.hyperlab.tui.view;

import dev.hyperlab.core.lab.FakeHypervisor;
import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.hyperlab.core.lab.CloudInitSeedMaker;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.VmServices;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.tui.TuiSession;
import dev.hyperlab.tui.data.CompositeGuestSource;
import dev.hyperlab.tui.data.GuestDefaults;
import dev.hyperlab.tui.data.GuestServices;
import dev.hyperlab.tui.data.GuestSource;
import dev.hyperlab.tui.data.lab.VmGuestSource;
import dev.hyperlab.tui.data.lab.VmLab;
import dev.hyperlab.tui.host.HostInfo;
import java.util.function.LongSupplier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a real TUI session on Lanterna's virtual terminal and reads back what it drew. VMs are
 * listed and acted on through {@link VmLab} over {@link VmService},
 * as in the real program.
 */
final class ScreenHarness implements AutoCloseable {
    final DefaultVirtualTerminal terminal;
    final GuestSource source;
    final VmLab vms;
    final TuiSession session;

    /** The list only: VM actions through VmService on {@code uri}, no guest views. */
    ScreenHarness(String uri, int cols, int rows, Supplier<HostInfo> host, Path dataDir) throws Exception {
        this(uri, cols, rows, host, dataDir, null, System::nanoTime);
    }

    /** With the images and compare views over {@code services}, and {@code clock} for their elapsed times. */
    ScreenHarness(String uri, int cols, int rows, Supplier<HostInfo> host, Path dataDir, ViewServices services,
                  LongSupplier clock) throws Exception {
        terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        vms = new VmLab(() -> VmServices.open(uri, dataDir, new TinyImage(), new CloudInitSeedMaker()));
        VmGuestSource libvirt = VmGuestSource.of(vms, uri);
        source = libvirt;
        session = TuiSession.start(terminal, libvirt, vms, host, null, services, clock);
    }

    /**
     * The guest views too: VMs through VmService on core's {@code hv} (scripted consoles), containers
     * from {@code cts}; the wizard proposes image "tiny" and {@code sshKeys}.
     */
    ScreenHarness(int cols, int rows, Supplier<HostInfo> host, Path dataDir, FakeHypervisor hv, FakeContainers cts,
                  List<Path> sshKeys) throws Exception {
        this(cols, rows, host, dataDir, hv, cts, GuestDefaults.builtIn(TinyImage.NAME, sshKeys));
    }

    /** The same, the wizard proposing {@code defaults} (as config.yaml gives them). */
    ScreenHarness(int cols, int rows, Supplier<HostInfo> host, Path dataDir, FakeHypervisor hv, FakeContainers cts,
                  GuestDefaults defaults) throws Exception {
        this(cols, rows, host, dataDir, hv, cts, defaults, null);
    }

    /**
     * The guest views and the views beside the list, {@code views} made over the session's VM service
     * (the labs view runs core's lab runner on it, as the real program does).
     */
    ScreenHarness(int cols, int rows, Supplier<HostInfo> host, Path dataDir, FakeHypervisor hv, FakeContainers cts,
                  GuestDefaults defaults, java.util.function.Function<VmService, ViewServices> views) throws Exception {
        this(cols, rows, host, dataDir, hv, cts, defaults, views, Optional.empty());
    }

    /** The same, with the migrate key over {@code migrations}. */
    ScreenHarness(int cols, int rows, Supplier<HostInfo> host, Path dataDir, FakeHypervisor hv, FakeContainers cts,
                  GuestDefaults defaults, java.util.function.Function<VmService, ViewServices> views,
                  Optional<dev.hyperlab.tui.data.VmMigrations> migrations) throws Exception {
        terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        VmService svc = new VmService(hv, new TinyImage(), new CloudInitSeedMaker(), dataDir, System::nanoTime,
                () -> DomainType.QEMU);
        vms = new VmLab(() -> svc);
        CompositeGuestSource composite = new CompositeGuestSource(VmGuestSource.of(vms, hv.uri()), vms, cts, cts);
        source = composite;
        GuestServices services = new GuestServices(Map.of(GuestKind.VM, vms, GuestKind.CONTAINER, cts),
                Map.of(GuestKind.VM, vms, GuestKind.CONTAINER, cts), Optional.of(vms), defaults, migrations);
        session = TuiSession.start(terminal, composite, composite, host, services,
                views == null ? null : views.apply(svc), System::nanoTime);
    }

    /**
     * The screen, one string per row. Read on the GUI thread, so never in the middle of a redraw:
     * each read is one whole frame.
     */
    String text() {
        String[] out = new String[1];
        try {
            session.gui().getGUIThread().invokeAndWait(() -> out[0] = readTerminal());
        } catch (IllegalStateException e) {
            return readTerminal(); // the GUI has stopped: nothing draws any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out[0];
    }

    private String readTerminal() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < size.getRows(); y++) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < size.getColumns(); x++) {
                line.append(terminal.getCharacter(x, y).getCharacterString());
            }
            sb.append(line.toString().replaceAll("\\s+$", "")).append('\n');
        }
        return sb.toString();
    }

    String row(int y) {
        return text().split("\n", -1)[y];
    }

    /** Waits until the screen satisfies {@code p}; fails with the screen's text otherwise. */
    String await(String what, Predicate<String> p) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String t = text();
        while (System.nanoTime() < deadline) {
            t = text();
            if (p.test(t)) {
                return t;
            }
            Thread.sleep(40);
        }
        fail("screen never showed " + what + "; it shows:\n" + t);
        return t;
    }

    String awaitText(String s) throws InterruptedException {
        return await("'" + s + "'", t -> t.contains(s));
    }

    String awaitNoText(String s) throws InterruptedException {
        return await("no '" + s + "'", t -> !t.contains(s));
    }

    /** Waits for a line matching {@code regex} (the whole line, trailing blanks trimmed). */
    String awaitLine(String regex) throws InterruptedException {
        return await("a line matching /" + regex + "/", t -> t.lines().anyMatch(l -> l.matches(regex)));
    }

    void type(String chars) {
        for (char c : chars.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
    }

    void key(KeyType type) {
        terminal.addInput(new KeyStroke(type));
    }

    /** Types {@code chars} and presses Enter: one line into a prompt. */
    void enter(String chars) {
        type(chars);
        key(KeyType.Enter);
    }

    void key(KeyType type, int times) {
        for (int i = 0; i < times; i++) {
            key(type);
        }
    }

    void ctrl(char c) {
        terminal.addInput(new KeyStroke(c, true, false));
    }

    @Override
    public void close() {
        session.close();
        source.close();
        vms.close();
    }
}
