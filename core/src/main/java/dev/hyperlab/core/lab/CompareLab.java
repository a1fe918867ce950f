package dev.hyperlab.core.lab;

import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.LaunchedGuest;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.QcowSizes;
import dev.hyperlab.core.compare.VmSettings;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.memory.MemoryProbe;
import dev.hyperlab.core.container.ContainerDiskSizes;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.host.LibvirtFacts;
import dev.hyperlab.core.host.linux.LibvirtProbe;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.vm.DiskCache;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.libvirt.AgentChannel;
import dev.hyperlab.core.vm.libvirt.QemuAgentExec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link GuestLab} over the lab's own services: VMs through {@link VmService} (no NIC; commands via
 * qemu-guest-agent), containers through {@link ContainerService} (network none; engine exec).
 */
public final class CompareLab implements GuestLab, AutoCloseable {
    /** The app container's workload: announce readiness, then stay up so we can measure and exec into it. */
    static final List<String> APP_COMMAND = List.of("/bin/sh", "-c", "echo hyperlab-app-ready; exec sleep infinity");
    private static final Duration AGENT_WAIT = Duration.ofMinutes(3);

    private final VmService vms;
    private final ContainerService cts;
    private final String libvirtUri;
    private final Map<String, QemuAgentExec> agents = new java.util.concurrent.ConcurrentHashMap<>();

    public CompareLab(VmService vms, ContainerService cts, String libvirtUri) {
        this.vms = vms;
        this.cts = cts;
        this.libvirtUri = libvirtUri;
    }

    @Override
    public LaunchedGuest launch(Subject kind, String name, CompareOptions o, Consumer<BootTimeline> progress,
                                Cancellation cancel) {
        try {
            return switch (kind) {
                case VM -> {
                    long t0 = System.nanoTime();
                    CreateVmRequest req = new CreateVmRequest(name, o.image(), o.cpus(), o.memoryBytes(), Optional.empty(),
                            Optional.empty(), List.of(), Optional.empty(), NetworkSpec.NONE, true, true, o.bootTimeout(),
                            Optional.empty(), List.of(), DiskCache.NONE); // disk benchmarks reach the disk, not host RAM
                    VmService.Created c = vms.create(req, t0, new VmService.Listener() {
                        @Override public void step(String what) { }

                        @Override public void phase(BootTimeline t) { progress.accept(t); }
                    }, cancel);
                    yield new LaunchedGuest(kind, name, c.timeline());
                }
                case VM_CLONE -> {
                    long t0 = System.nanoTime();
                    InstantCloneRequest req = new InstantCloneRequest(name, templateFor(o), Optional.empty(), List.of(),
                            Optional.empty(), List.of(), NetworkSpec.NONE, Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty(), o.bootTimeout());
                    VmService.Created c = vms.createFromTemplate(req, t0, new VmService.Listener() {
                        @Override public void step(String what) { }

                        @Override public void phase(BootTimeline t) { progress.accept(t); }
                    }, cancel);
                    yield new LaunchedGuest(kind, name, c.timeline());
                }
                case SYSTEM_CONTAINER -> {
                    ContainerRequest r = ContainerRequest.system(name, o.image(), Optional.empty())
                            .withLimits(o.cpus(), o.memoryBytes());
                    BootTimeline t = cts.createAndStart(r, ContainerStart.waitingUpTo(o.bootTimeout()).cancelledBy(cancel));
                    progress.accept(t);
                    yield new LaunchedGuest(kind, name, t);
                }
                case APP_CONTAINER -> {
                    ContainerRequest r = ContainerRequest.app(name, o.image(), APP_COMMAND).withLimits(o.cpus(), o.memoryBytes());
                    BootTimeline t = cts.createAndStart(r, ContainerStart.waitingUpTo(o.bootTimeout()).cancelledBy(cancel));
                    progress.accept(t);
                    yield new LaunchedGuest(kind, name, t);
                }
                case HOST -> throw new IllegalArgumentException("the host is not launched");
            };
        } catch (RuntimeException e) {
            // a timed-out VM is left running by VmService (only the wait ran out): ours to remove
            try {
                remove(new LaunchedGuest(kind, name, BootTimeline.empty()));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * A cold VM defined as {@code launch} defines one but not started, its definition changed to the
     * settings ({@link TunedDomain}), then started and awaited; hyperlab's defaults take the same path
     * (unchanged), so every lever's ready time is timed from the start alike. On failure or cancel it is purged.
     */
    @Override
    public LaunchedGuest launchVm(String name, CompareOptions o, VmSettings settings, Consumer<BootTimeline> progress,
                                  Cancellation cancel) {
        try {
            long t0 = System.nanoTime();
            CreateVmRequest req = new CreateVmRequest(name, o.image(), o.cpus(), o.memoryBytes(), Optional.empty(),
                    Optional.empty(), List.of(), Optional.empty(), NetworkSpec.NONE, false, false, o.bootTimeout(),
                    Optional.empty(), List.of(), DiskCache.NONE);
            vms.create(req, t0, VmService.Listener.NONE, cancel);
            cancel.check("creating VM " + name);
            if (!settings.isHyperlabDefault()) {
                vms.redefine(name, TunedDomain.apply(vms.definition(name), settings));
            }
            cancel.check("creating VM " + name);
            BootTimeline t = vms.start(name, true, o.bootTimeout(), System.nanoTime(), new VmService.Listener() {
                @Override public void step(String what) { }

                @Override public void phase(BootTimeline tl) { progress.accept(tl); }
            }, cancel);
            return new LaunchedGuest(Subject.VM, name, t);
        } catch (RuntimeException e) {
            try {
                remove(new LaunchedGuest(Subject.VM, name, BootTimeline.empty()));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The template the race's instant clone is restored from: one per image and size, named after
     * them, made on the first run (a cold boot, outside the race) and again when the image was rebuilt.
     */
    static String templateFor(CompareOptions o) {
        String image = o.image().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String name = "compare-" + image + "-" + o.cpus() + "c" + (o.memoryBytes() >> 20) + "m";
        return name.length() > 51 ? name.substring(0, 51).replaceAll("-+$", "") : name;
    }

    @Override
    public void prepare(List<Subject> kinds, CompareOptions o, Consumer<String> step) {
        if (!kinds.contains(Subject.VM_CLONE)) {
            return;
        }
        VmTemplates templates = vms.templates();
        String name = templateFor(o);
        Optional<dev.hyperlab.core.template.TemplateRecord> have = templates.store().find(name);
        String digest = VmTemplates.digestOf(vms.images().resolve(o.image()).qcow2());
        if (have.isPresent() && !have.get().imageDigest().equals(digest) && templates.list().stream()
                .noneMatch(l -> l.name().equals(name) && !l.clones().isEmpty())) {
            step.accept("image " + o.image() + " was rebuilt: making template " + name + " again");
            templates.remove(name);
            have = Optional.empty();
        }
        if (have.isEmpty()) {
            step.accept("making template " + name + " for the instant clone (a cold boot, once; kept for the next run)");
            templates.create(new VmTemplates.Request(name, o.image(), o.cpus(), o.memoryBytes(), Optional.empty(),
                    o.bootTimeout()), System.nanoTime(), VmService.Listener.NONE, Cancellation.NONE);
        }
    }

    @Override
    public GuestExec exec(LaunchedGuest g) {
        if (g.kind().isVm()) {
            return agents.computeIfAbsent(g.name(), n -> new QemuAgentExec(channel(n)).awaitAgent(AGENT_WAIT));
        }
        return (argv, timeout) -> {
            long t0 = System.nanoTime();
            dev.hyperlab.core.container.ExecResult r = cts.exec(g.name(), argv, timeout);
            return new ExecResult(r.exitCode(), r.stdout(), r.stderr(), Duration.ofNanos(System.nanoTime() - t0));
        };
    }

    private AgentChannel channel(String name) { return AgentReadiness.channel(vms.hypervisor(), name); }


    /** How long an idle-memory reading waits for cloud-init to finish. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public MemoryLedger memory(LaunchedGuest g, int run) {
        if (g.kind() != Subject.APP_CONTAINER) {
            // READY is cloud-init's last runcmd; its final stage (a ~30 MB Python process) is still exiting then.
            // Read idle memory once it is done, or a system container measures 8 MB one time and 37 MB the next.
            settle(g);
        }
        if (g.kind().isVm()) {
            return MemoryProbe.vm(run, MemoryProbe.qemuPid(g.name()), vms.info(g.name()).memoryBytes(), exec(g)).as(g.kind());
        }
        var details = cts.info(g.name()).details();
        if (details.pid() <= 0) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "container " + g.name() + " has no running process",
                    "try `hyperlab ct logs " + g.name() + "`");
        }
        return MemoryProbe.container(g.kind(), run, details.pid(), details.id(), exec(g));
    }

    /**
     * Containers are read from the host alone (cgroup and monitor; no exec, no settle but for the newest,
     * whose cloud-init may still be exiting): a few milliseconds each, so hundreds take seconds. VMs
     * take the full ledger.
     */
    @Override
    public long hostCostBytes(List<LaunchedGuest> guests) {
        if (guests.isEmpty() || guests.stream().anyMatch(g -> g.kind().isVm())) {
            return GuestLab.super.hostCostBytes(guests);
        }
        LaunchedGuest newest = guests.get(guests.size() - 1);
        if (newest.kind() == Subject.SYSTEM_CONTAINER) {
            settle(newest);
        }
        long sum = 0;
        for (LaunchedGuest g : guests) {
            var details = cts.info(g.name()).details();
            if (details.pid() <= 0) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "container " + g.name() + " has no running process",
                        "try `hyperlab ct logs " + g.name() + "`");
            }
            sum += MemoryProbe.containerHostCost(g.kind(), details.pid(), details.id());
        }
        return sum;
    }

    private void settle(LaunchedGuest g) {
        try {
            exec(g).exec(List.of("cloud-init", "status", "--wait"), SETTLE_TIMEOUT); // exit code: done/degraded/absent
        } catch (HyperlabException e) {
            if (e.code() != ErrorCode.TIMEOUT) {
                throw e;
            }
        }
    }

    @Override
    public DiskUsage disk(LaunchedGuest g) {
        if (g.kind() == Subject.VM_CLONE) {
            // the clone's overlay backs on its template's frozen disk, which backs on the image: the
            // saved state copied in (dropped from the snapshot list once restored) is this clone's own
            return QcowSizes.ofOverlay(vms.poolDir().resolve(g.name() + ".qcow2"))
                    .as(g.kind(), "qcow2 overlay (with the template's saved state copied in)");
        }
        if (g.kind().isVm()) {
            return QcowSizes.ofOverlay(vms.poolDir().resolve(g.name() + ".qcow2"));
        }
        ContainerDiskSizes sizes = cts.engine().diskSizes(g.name());
        return new DiskUsage(g.kind(), sizes.imageBytes(), sizes.writableLayerBytes(), "OCI image", "writable layer");
    }

    @Override
    public void remove(LaunchedGuest g) {
        agents.remove(g.name());
        try {
            if (g.kind().isVm()) {
                vms.purge(g.name()); // by name: also the volumes of a create that never got a domain
            } else {
                cts.remove(g.name());
            }
        } catch (HyperlabException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        LibvirtFacts f = LibvirtProbe.probe(libvirtUri);
        f.libvirtVersion().ifPresent(s -> v.put("libvirt", s));
        f.hypervisorVersion().ifPresent(s -> v.put("qemu", s));
        try {
            var info = cts.engineInfo();
            v.put("engine", info.name() + " " + info.version() + " (" + info.runtime() + ")");
        } catch (RuntimeException e) {
            v.put("engine", "unknown");
        }
        return v;
    }

    @Override
    public void close() {
        try {
            cts.close();
        } finally {
            vms.close();
        }
    }
}
