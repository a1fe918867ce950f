package dev.hyperlab.tui;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.compare.LabCompareBackend;
import dev.hyperlab.tui.data.CompositeGuestSource;
import dev.hyperlab.tui.data.GuestDefaults;
import dev.hyperlab.tui.data.GuestServices;
import dev.hyperlab.tui.data.GuestHost;
import dev.hyperlab.tui.data.HostGuestSource;
import dev.hyperlab.tui.data.HostRoutedVms;
import java.util.List;
import dev.hyperlab.tui.data.lab.HostsVmMigrations;
import dev.hyperlab.tui.data.lab.ContainerGuestSource;
import dev.hyperlab.tui.data.lab.ContainerLab;
import dev.hyperlab.tui.data.lab.VmGuestSource;
import dev.hyperlab.tui.data.lab.VmLab;
import dev.hyperlab.tui.host.HostInfoProbe;
import dev.hyperlab.tui.images.DefaultBuild;
import dev.hyperlab.tui.images.StoreImagesBackend;
import dev.hyperlab.tui.labs.CoreLabsBackend;
import dev.hyperlab.tui.view.ViewServices;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Optional;

/** Runs the TUI on the process's terminal until the user quits. */
public final class TuiApp {
    private TuiApp() {}

    /** @return the exit code */
    public static int run(Wiring wiring) throws IOException, InterruptedException {
        return run(wiring, Map.of());
    }

    /**
     * @param otherHosts libvirt hosts besides {@code wiring}'s, by name and URI: their VMs are listed too,
     *                   as {@code HOST:NAME}, each host on a connection of its own that reconnects by itself
     */
    public static int run(Wiring wiring, Map<String, String> otherHosts) throws IOException, InterruptedException {
        return run(wiring, "local", otherHosts);
    }

    /** As above; {@code ownHost} is the name of {@code wiring}'s host, for migrating between the hosts. */
    public static int run(Wiring wiring, String ownHost, Map<String, String> otherHosts) throws IOException, InterruptedException {
        // The terminal keeps the real stdout; TuiLog then points System.out/err at the log file.
        // Force a text terminal: never open Lanterna's Swing emulator, even with a DISPLAY.
        // Ctrl-C is trapped, not fatal: in a VM's console it belongs to the guest; on the list it quits.
        Terminal terminal = new DefaultTerminalFactory(System.out, System.in, Charset.defaultCharset())
                .setForceTextTerminal(true).setUnixTerminalCtrlCBehaviour(UnixTerminal.CtrlCBehaviour.TRAP)
                .createTerminal();
        if (NoColorTerminal.wanted(System.getenv())) {
            terminal = NoColorTerminal.wrap(terminal);
        }
        ContainerGuestSource containers = new ContainerGuestSource(wiring::containers, "engine");
        ContainerLab containerLab = new ContainerLab(wiring::containers);
        // VMs are listed and acted on through one VmService and its Hypervisor port (one connection).
        Map<String, VmLab> others = new java.util.LinkedHashMap<>();
        otherHosts.forEach((name, uri) -> others.put(name, new VmLab(wiring.forHost(uri)::vmsEventually)));
        try (TuiLog log = TuiLog.open(wiring.dataDir().resolve("logs"));
             VmLab vms = new VmLab(wiring::vmsEventually);
             java.io.Closeable closeOthers = () -> others.values().forEach(VmLab::close);
             CompositeGuestSource source = new CompositeGuestSource(sides(wiring, vms, others, containers))) {
            HostRoutedVms routed = new HostRoutedVms(vms, others);
            GuestServices guestServices = new GuestServices(
                    Map.of(GuestKind.VM, vms, GuestKind.CONTAINER, containerLab),
                    Map.of(GuestKind.VM, routed, GuestKind.CONTAINER, containerLab),
                    Optional.of(routed), GuestDefaults.fromConfig(), Optional.of(new HostsVmMigrations(wiring, ownHost, allHosts(wiring, ownHost, otherHosts))));
            ViewServices views = new ViewServices(new StoreImagesBackend(wiring.images(), DefaultBuild.standard()),
                    new LabCompareBackend(wiring), CoreLabsBackend.of(wiring, vms::service));
            try (TuiSession session = TuiSession.start(terminal, source, source,
                    () -> HostInfoProbe.probe(wiring), guestServices, views, System::nanoTime)) {
                session.awaitQuit();
            } finally {
                terminal.close();
            }
        }
        return 0;
    }

    private static Map<String, String> allHosts(Wiring wiring, String ownHost, Map<String, String> others) {
        Map<String, String> all = new java.util.LinkedHashMap<>(others);
        all.put(ownHost, wiring.libvirtUri());
        return all;
    }

    /** The session's own host's VMs (plain names), each other host's (HOST:NAME), then the containers. */
    public static List<CompositeGuestSource.Side> sides(Wiring wiring, VmLab vms, Map<String, VmLab> others,
                                                 ContainerGuestSource containers) {
        List<CompositeGuestSource.Side> sides = new java.util.ArrayList<>();
        sides.add(new CompositeGuestSource.Side("vm", VmGuestSource.of(vms, wiring.libvirtUri()), vms,
                k -> k.kind() == GuestKind.VM && GuestHost.hostOf(k.name()).isEmpty()));
        others.forEach((name, lab) -> {
            HostGuestSource host = new HostGuestSource(name, VmGuestSource.of(lab, name), lab);
            sides.add(new CompositeGuestSource.Side("vm@" + name, host, host, k -> k.kind() == GuestKind.VM && host.owns(k)));
        });
        sides.add(new CompositeGuestSource.Side("ct", containers, containers, k -> k.kind() == GuestKind.CONTAINER));
        return sides;
    }
}
