package dev.hyperlab.core.labrun;

import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.lab.ContainerRequest;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.CreateVmRequest;
import dev.hyperlab.core.lab.InstantCloneRequest;
import dev.hyperlab.core.lab.SshKeyFiles;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabGuest;
import dev.hyperlab.core.labfile.LabGuestKind;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VmInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One lab guest made, started, looked at or removed, as {@code vm create} (cold, or {@code
 * --from-template} for a guest with {@code template:}) or {@code ct create} would: the lab file's
 * fields turned into those commands' requests, on the lab's networks with the addresses the plan
 * gives. {@link LabRunner} decides what to do with each guest; this class does it.
 */
final class LabGuestMaker {
    private final VmService vms;
    private final Supplier<ContainerService> containers;

    LabGuestMaker(VmService vms, Supplier<ContainerService> containers) {
        this.vms = vms;
        this.containers = containers;
    }

    BootTimeline create(LabFile lab, LabGuest g, AddressPlan plan, Duration timeout, long t0, LabRunner.Board board,
                        Cancellation cancel) {
        List<Path> keys = g.sshKeys().isEmpty() ? SshKeyFiles.defaults() : g.sshKeys();
        String first = g.networks().isEmpty() ? null : g.networks().get(0).network();
        if (g.kind() == LabGuestKind.VM) {
            VmService.Listener listener = new VmService.Listener() {
                @Override public void step(String what) { board.update(g.name(), "vm", what); }

                @Override public void phase(BootTimeline t) {
                    t.latest().ifPresent(p -> board.update(g.name(), "vm", p.label() + " at "
                            + String.format("%.1f s", t.at(p).orElseThrow().toMillis() / 1000.0)));
                }
            };
            if (g.isClone()) {
                return vms.createFromTemplate(cloneRequest(lab, g, plan, keys, timeout), t0, listener, cancel).timeline();
            }
            int cpus = g.cpus().isPresent() ? (int) Math.ceil(g.cpus().getAsDouble()) : Integer.parseInt(
                    dev.hyperlab.core.config.Defaults.CPUS);
            long memory = g.memoryBytes().orElse(1L << 30);
            CreateVmRequest req = new CreateVmRequest(g.name(), g.image(), cpus, memory,
                    g.diskBytes().isPresent() ? Optional.of(g.diskBytes().getAsLong()) : Optional.empty(), g.user(), keys,
                    g.cloudConfig(), vmNetwork(lab, g), true, true, timeout, Optional.empty(), runcmd(g, plan));
            return vms.create(req, t0, listener, cancel).timeline();
        }
        List<String> hosts = new ArrayList<>();
        for (String line : plan.hostsLines()) {
            String[] ipName = line.split(" ");
            hosts.add(ipName[1] + ":" + ipName[0]);
        }
        ContainerRequest r;
        if (g.kind() == LabGuestKind.SYSTEM) {
            r = new ContainerRequest(g.name(), g.image(), ContainerMode.SYSTEM, g.cpus().orElse(0), g.memoryBytes().orElse(0),
                    Optional.empty(), g.cloudConfig(), "none", List.of(), g.user(), keys);
        } else {
            r = new ContainerRequest(g.name(), g.image(), ContainerMode.APP, g.cpus().orElse(0), g.memoryBytes().orElse(0),
                    g.user(), Optional.empty(), "none", g.command(), Optional.empty(), List.of());
        }
        if (first != null) {
            r = r.onLab(LabResourceNames.network(lab.name(), first), plan.addresses(g.name()).get(first), hosts, g.runcmd());
        }
        // An app container's command may run forever (a queue, a server): it counts as up once started,
        // where 'ct create --wait' would wait for the command to end.
        boolean app = g.kind() == LabGuestKind.APP;
        return cts().createAndStart(r, dev.hyperlab.core.lab.ContainerStart.waitingUpTo(timeout).waiting(!app).from(t0)
                .reporting(what -> board.update(g.name(), g.kind().word(), what))
                .phases(t -> t.latest().ifPresent(p -> board.update(g.name(), g.kind().word(), p.label() + " at "
                        + String.format("%.1f s", t.at(p).orElseThrow().toMillis() / 1000.0))))
                .cancelledBy(cancel));
    }

    BootTimeline start(LabGuest g, Duration timeout, long t0) {
        if (g.kind() == LabGuestKind.VM) {
            return vms.start(g.name(), true, timeout, t0, VmService.Listener.NONE);
        }
        return cts().start(g.name(), g.kind() != LabGuestKind.APP, timeout);
    }

    /** Appends the lab's names to /etc/hosts once, at first boot (runcmd runs once per instance). */
    static String hostsCommand(List<String> lines) {
        StringBuilder c = new StringBuilder("printf '%s\\n'");
        for (String l : lines) {
            c.append(" '").append(l).append('\'');
        }
        return c.append(" >> /etc/hosts").toString();
    }

    boolean exists(LabGuest g) {
        if (g.kind() == LabGuestKind.VM) {
            return vms.hypervisor().find(g.name()).isPresent();
        }
        return cts().engine().inspect(g.name()).isPresent();
    }

    boolean running(LabGuest g) {
        if (g.kind() == LabGuestKind.VM) {
            return vms.hypervisor().find(g.name()).map(VmInfo::isRunning).orElse(false);
        }
        return cts().engine().inspect(g.name()).map(d -> d.state() == dev.hyperlab.core.model.GuestState.RUNNING).orElse(false);
    }

    void remove(LabGuest g) {
        if (g.kind() == LabGuestKind.VM) {
            vms.remove(g.name(), true);
        } else {
            cts().remove(g.name(), true);
        }
    }

    /**
     * What {@code vm create --from-template} a clone guest is: its template's sizes (the preflight
     * refused others), its NIC moved to its lab network with the MAC the network's DHCP reservation
     * names, so it gets its planned address as a cold lab VM does, and the lab's names in its
     * /etc/hosts through the identity step's commands.
     */
    static InstantCloneRequest cloneRequest(LabFile lab, LabGuest g, AddressPlan plan, List<Path> keys, Duration timeout) {
        return new InstantCloneRequest(g.name(), g.template().orElseThrow(), g.user(), keys, Optional.empty(),
                runcmd(g, plan), vmNetwork(lab, g), Optional.empty(), whole(g.cpus()), boxed(g.memoryBytes()),
                boxed(g.diskBytes()), timeout);
    }

    /** A lab VM's NICs: one per network it lists, each with the lab's MAC for it; none on no network. */
    static NetworkSpec vmNetwork(LabFile lab, LabGuest g) {
        return g.networks().isEmpty() ? NetworkSpec.NONE : new NetworkSpec.LabNics(g.networks().stream()
                .map(a -> new NetworkSpec.LabNic(LabResourceNames.network(lab.name(), a.network()),
                        LabResourceNames.mac(lab.name(), g.name(), a.network()))).toList());
    }

    /** The lab's names for /etc/hosts first, then the guest's own first-boot commands. */
    private static List<String> runcmd(LabGuest g, AddressPlan plan) {
        List<String> runcmd = new ArrayList<>();
        if (!plan.hostsLines().isEmpty()) {
            runcmd.add(hostsCommand(plan.hostsLines()));
        }
        runcmd.addAll(g.runcmd());
        return runcmd;
    }

    private static Optional<Integer> whole(OptionalDouble d) {
        return d.isPresent() ? Optional.of((int) Math.ceil(d.getAsDouble())) : Optional.empty();
    }

    private static Optional<Long> boxed(OptionalLong l) {
        return l.isPresent() ? Optional.of(l.getAsLong()) : Optional.empty();
    }

    private ContainerService cts() {
        return containers.get();
    }
}
