package dev.hyperlab.core.labrun;

import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.labfile.Ipv4;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabGuest;
import dev.hyperlab.core.labfile.LabGuestKind;
import dev.hyperlab.core.labfile.LabHostFacts;
import dev.hyperlab.core.labfile.LabNetwork;
import dev.hyperlab.core.labfile.Subnet;
import dev.hyperlab.core.container.EngineNetwork;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.LabNetworkSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * {@code hyperlab up}: a lab file made real. Everything is checked before anything is made (the
 * file's own checks, subnets against the host's routes and other labs, every guest name against
 * guests outside the lab); then the networks, then the guests in waves of {@code depends-on}, each
 * wave in parallel up to a limit, each guest created, started and awaited as {@code vm create
 * --start --wait} or {@code ct create --start --wait} would, on the host clock from the {@code up}'s
 * start. The lab's state is written before each thing is made, so {@code down} removes all an
 * interrupted {@code up} started. Once the guests are up, the lab's port forwarder ({@link
 * LabForwards}) is made to serve the file's {@code ports:}. A second {@code up} changes nothing that
 * is as written; changed ports alone restart the forwarder and leave the guests as they are.
 */
public final class LabRunner {
    /** Engine label on a lab's networks (for down and gc). */
    public static final String LAB_LABEL = "dev.hyperlab.lab";

    /** Where each guest has got to; called from worker threads. */
    public interface Board {
        void update(String guest, String kind, String what);
    }

    public record Options(Set<String> recreate, int parallel, Duration timeout) {
        public Options {
            recreate = Set.copyOf(recreate);
            if (parallel < 1) {
                throw HyperlabException.badInput("bad --parallel " + parallel, "try --parallel 4");
            }
        }
    }

    /** What {@code up} did with one guest. */
    public record Outcome(String guest, String kind, Result result, String detail, Double readySeconds) {}

    public enum Result {
        CREATED, STARTED, UNCHANGED, CHANGED, FAILED, SKIPPED;

        public boolean failed() { return this == FAILED || this == SKIPPED; }
    }

    /**
     * What {@code up} did with the lab's port forwarder.
     *
     * @param result   {@code none}, {@code kept}, {@code started}, {@code restarted}, {@code stopped}, or
     *                 {@code failed} (then {@code error} says why, in one line)
     * @param pid      the forwarder's PID, 0 when none runs
     * @param forwards what it serves, e.g. {@code 127.0.0.1:2222 -> web:22}
     */
    public record Ports(String result, long pid, List<String> forwards, String error) {
        public Ports {
            forwards = List.copyOf(forwards);
        }

        static Ports of(LabForwards.Outcome o) {
            return new Ports(o.change().name().toLowerCase(java.util.Locale.ROOT), o.pid(),
                    o.forwards().stream().map(LabForwards.Forward::describe).toList(), null);
        }

        public boolean failed() { return error != null; }

        /** Whether the host's listening ports changed. */
        public boolean changed() { return !result.equals("none") && !result.equals("kept"); }
    }

    /** What {@code up} did: each guest in file order, then the port forwarder. */
    public record Report(List<Outcome> guests, Ports ports) {
        public boolean failed() {
            return ports.failed() || guests.stream().anyMatch(o -> o.result().failed());
        }
    }

    private final VmService vms;
    private final java.util.function.Supplier<ContainerService> containers;
    private final LabStates states;
    private final LabForwards forwards;
    private final Predicate<String> images;
    private final LongSupplier clock;
    private final LabGuestMaker maker;

    /**
     * @param containers the container service, asked for only when the lab needs the engine: a lab
     *                   of VMs comes up on a host without Podman
     * @param forwards   the labs' port forwarders
     */
    public LabRunner(VmService vms, java.util.function.Supplier<ContainerService> containers, LabStates states,
                     LabForwards forwards, Predicate<String> images, LongSupplier clock) {
        this.vms = vms;
        this.containers = containers;
        this.states = states;
        this.forwards = forwards;
        this.images = images;
        this.clock = clock;
        this.maker = new LabGuestMaker(vms, containers);
    }

    public Report up(LabFile lab, Options o, Board board, Cancellation cancel) {
        vms.requireLocal("labs", "their networks are bridges and namespaces of this machine");
        long t0 = clock.getAsLong();
        Hypervisor hv = vms.hypervisor();
        LabState prior = states.find(lab.name()).orElse(null);
        Path file = lab.source().toAbsolutePath().normalize();
        if (prior != null && !prior.file().equals(file.toString())) {
            throw new HyperlabException(ErrorCode.CONFLICT, "lab '" + lab.name() + "' is up from " + prior.file(),
                    "try 'hyperlab down --lab " + lab.name() + "' first, or give this lab another name:");
        }
        LabPreflight preflight = new LabPreflight(states, images, containers, name -> vms.templates().store().find(name)
                .map(t -> new LabHostFacts.TemplateSizes(t.image(), t.cpus(), t.memoryBytes(), t.diskBytes())));
        // Ports this lab's own forwarder holds are not "in use": a second up keeps or restarts it.
        Set<Integer> ownPorts = new java.util.HashSet<>();
        forwards.running(lab.name()).ifPresent(r -> r.forwards().forEach(f -> ownPorts.add(f.port().hostPort())));
        preflight.check(lab, prior, hv, ownPorts);
        Map<String, Subnet> subnets = preflight.subnets(lab, prior);
        AddressPlan plan = AddressPlan.of(subnets, lab.guests());
        LabState st = prior != null ? prior : new LabState(lab.name(), file.toString(),
                dev.hyperlab.cloudinit.model.InstanceId.newFor(lab.name()), Map.of(), Map.of());
        if (prior == null) {
            // The state first, naming nothing yet: from here on 'down' finds the lab, whatever dies when.
            states.save(st);
            CrashPoints.reached(Step.LAB_UP_STATE);
        }

        for (LabNetwork n : lab.networks().values()) {
            cancel.check("bringing up lab " + lab.name());
            Subnet s = subnets.get(n.name());
            String name = LabResourceNames.network(lab.name(), n.name());
            String bridge = LabResourceNames.bridge(lab.name(), n.name());
            st = st.withNetwork(n.name(), new LabState.Net(s.toString(), bridge, name, name));
            states.save(st);
            if (hv.labNetworks().stream().noneMatch(x -> x.name().equals(name))) {
                board.update(n.name(), "network", "creating " + name + " (" + s + ", bridge " + bridge + ")");
                hv.createNetwork(networkSpec(lab, n, s, name, bridge, plan, st.instanceId()));
                CrashPoints.reached(Step.LAB_UP_NETWORK);
            }
            boolean containers = lab.guests().stream().anyMatch(g -> g.kind().isContainer() && on(g, n.name()));
            if (containers && !cts().engine().networks(Map.of(LAB_LABEL, lab.name())).contains(name)) {
                cts().engine().createNetwork(new EngineNetwork(name, bridge, s.toString(), Ipv4.format(s.gateway()),
                        Map.of(LAB_LABEL, lab.name())));
                CrashPoints.reached(Step.LAB_UP_ENGINE_NETWORK);
            }
        }

        State shared = new State(st);
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Outcome> byName = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(o.parallel(), Math.max(1, lab.guests().size())), r -> {
            Thread t = new Thread(r, "lab-up");
            t.setDaemon(true);
            return t;
        });
        try {
            for (List<LabGuest> wave : lab.startWaves()) {
                Map<String, Future<Outcome>> running = new LinkedHashMap<>();
                for (LabGuest g : wave) {
                    Optional<String> failedDep = g.dependsOn().stream()
                            .filter(d -> byName.get(d) == null || byName.get(d).result().failed()).findFirst();
                    if (failedDep.isPresent()) {
                        Outcome skipped = new Outcome(g.name(), g.kind().word(), Result.SKIPPED,
                                "not started: it depends on " + failedDep.get() + ", which is not ready", null);
                        board.update(g.name(), g.kind().word(), "skipped");
                        byName.put(g.name(), skipped);
                        continue;
                    }
                    running.put(g.name(), pool.submit(() -> bring(lab, g, plan, shared, o, t0, board, cancel)));
                }
                for (Map.Entry<String, Future<Outcome>> e : running.entrySet()) {
                    byName.put(e.getKey(), await(e.getValue(), e.getKey(), lab));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (LabGuest g : lab.guests()) {
            outcomes.add(byName.get(g.name()));
        }
        // A guest no longer in the file keeps running until 'down', but its ports follow the file.
        shared.now().guests().forEach((name, g) -> {
            if (lab.guest(name).isEmpty() && !LabForwards.ports(g).isEmpty()) {
                shared.guest(name, new LabState.Guest(g.kind(), LabGuestSpec.withPortsOf(g.spec(), Map.of()), g.addresses(),
                        g.readySeconds()));
            }
        });
        return new Report(outcomes, forward(shared.now(), board, cancel));
    }

    /** The lab's forwarder made to serve the ports the state now holds; a failure is reported, the guests kept. */
    private Ports forward(LabState st, Board board, Cancellation cancel) {
        if (cancel.isCancelled()) {
            // a cancelled up reports its guests, as before there were ports; the next up forwards them
            return new Ports("none", 0, List.of(), null);
        }
        boolean any = !LabForwards.wanted(st).isEmpty();
        if (any) {
            board.update("ports", "forward", "starting the port forwarder");
        }
        try {
            Ports p = Ports.of(forwards.ensure(st));
            if (p.changed() && p.pid() > 0) {
                CrashPoints.reached(Step.LAB_UP_FORWARDER);
            }
            if (any || p.changed()) {
                board.update("ports", "forward", p.result() + (p.pid() > 0 ? " (pid " + p.pid() + ")" : ""));
            }
            return p;
        } catch (HyperlabException e) {
            board.update("ports", "forward", "failed: " + e.getMessage());
            return new Ports("failed", 0, List.of(), e.userMessage());
        }
    }

    private Outcome await(Future<Outcome> f, String guest, LabFile lab) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.CANCELLED, "bringing up lab " + lab.name() + " was interrupted",
                    "try 'hyperlab down' to remove what it made", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return new Outcome(guest, "?", Result.FAILED, c.getMessage(), null);
        }
    }

    /** The lab state, shared by the workers: each saves its guest's entry before and after making it. */
    private final class State {
        private LabState st;

        State(LabState st) { this.st = st; }

        synchronized void guest(String name, LabState.Guest g) {
            st = st.withGuest(name, g);
            states.save(st);
        }

        synchronized LabState.Guest guest(String name) { return st.guests().get(name); }

        synchronized LabState now() { return st; }
    }

    private Outcome bring(LabFile lab, LabGuest g, AddressPlan plan, State state, Options o, long t0, Board board,
                          Cancellation cancel) {
        String kind = g.kind().word();
        Map<String, String> spec = LabGuestSpec.of(g);
        Map<String, String> addresses = plan.addresses(g.name());
        try {
            LabState.Guest prev = state.guest(g.name());
            boolean exists = maker.exists(g);
            if (exists && prev != null) {
                if (!prev.spec().equals(spec)) {
                    // Ports are the forwarder's business: the state takes the new ones, the guest stays.
                    state.guest(g.name(), new LabState.Guest(kind, LabGuestSpec.withPortsOf(prev.spec(), spec), prev.addresses(),
                            prev.readySeconds()));
                    prev = state.guest(g.name());
                }
                if (!prev.spec().equals(spec)) {
                    String diff = LabGuestSpec.diff(LabGuestSpec.withoutPorts(prev.spec()), LabGuestSpec.withoutPorts(spec));
                    if (!o.recreate().contains(g.name())) {
                        board.update(g.name(), kind, "changed, left as it is: " + diff);
                        return new Outcome(g.name(), kind, Result.CHANGED, diff + " (left as it is; 'up --recreate "
                                + g.name() + "' makes it anew)", prev.readySeconds());
                    }
                    board.update(g.name(), kind, "recreating: " + diff);
                    maker.remove(g);
                } else if (maker.running(g)) {
                    board.update(g.name(), kind, "ready (unchanged)");
                    return new Outcome(g.name(), kind, Result.UNCHANGED, "", prev.readySeconds());
                } else {
                    board.update(g.name(), kind, "starting");
                    BootTimeline t = maker.start(g, o.timeout(), t0);
                    Double ready = seconds(t);
                    state.guest(g.name(), new LabState.Guest(kind, spec, addresses, ready));
                    return new Outcome(g.name(), kind, Result.STARTED, "", ready);
                }
            }
            cancel.check("creating " + g.name());
            state.guest(g.name(), new LabState.Guest(kind, spec, addresses, null));
            board.update(g.name(), kind, "creating");
            BootTimeline t = maker.create(lab, g, plan, o.timeout(), t0, board, cancel);
            Double ready = seconds(t);
            state.guest(g.name(), new LabState.Guest(kind, spec, addresses, ready));
            CrashPoints.reached(Step.LAB_UP_GUEST);
            board.update(g.name(), kind, "ready at " + String.format("%.1f s", ready));
            return new Outcome(g.name(), kind, Result.CREATED, "", ready);
        } catch (RuntimeException e) {
            board.update(g.name(), kind, "failed: " + e.getMessage());
            return new Outcome(g.name(), kind, Result.FAILED, e.getMessage(), null);
        }
    }

    /** Ready, or for an app container (which has no readiness of its own) started. */
    private static Double seconds(BootTimeline t) {
        return t.at(Phase.READY).or(() -> t.at(Phase.STARTED)).map(d -> d.toMillis() / 1000.0).orElse(null);
    }

    private LabNetworkSpec networkSpec(LabFile lab, LabNetwork n, Subnet s, String name, String bridge, AddressPlan plan,
                                       String instanceId) {
        List<LabNetworkSpec.DhcpHost> hosts = new ArrayList<>();
        for (LabGuest g : lab.guests()) {
            if (g.kind() == LabGuestKind.VM && on(g, n.name())) {
                hosts.add(new LabNetworkSpec.DhcpHost(LabResourceNames.mac(lab.name(), g.name(), n.name()),
                        plan.addresses(g.name()).get(n.name()), g.name()));
            }
        }
        return new LabNetworkSpec(name, bridge, Ipv4.format(s.gateway()), s.prefix(), Ipv4.format(AddressPlan.dhcpStart(s)),
                Ipv4.format(AddressPlan.dhcpEnd(s)), n.mode() == LabNetwork.Mode.NAT, hosts, lab.name(), instanceId);
    }

    private static boolean on(LabGuest g, String network) {
        return g.networks().stream().anyMatch(a -> a.network().equals(network));
    }

    private ContainerService cts() {
        return containers.get();
    }
}
