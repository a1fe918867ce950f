package dev.hyperlab.core.lab;

import dev.hyperlab.core.compare.DiskUsage;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.LaunchedGuest;
import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.QcowSizes;
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
                case SYSTEM_CONTAINER -> {
                    ContainerRequest r = ContainerRequest.system(name, o.image(), Optional.empty())
                            .withLimits(o.cpus(), o.memoryBytes());
                    BootTimeline t = cts.createAndStart(r, true, o.bootTimeout(), s -> { }, cancel);
                    progress.accept(t);
                    yield new LaunchedGuest(kind, name, t);
                }
                case APP_CONTAINER -> {
                    ContainerRequest r = ContainerRequest.app(name, o.image(), APP_COMMAND).withLimits(o.cpus(), o.memoryBytes());
                    BootTimeline t = cts.createAndStart(r, true, o.bootTimeout(), s -> { }, cancel);
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

    @Override
    public GuestExec exec(LaunchedGuest g) {
        if (g.kind() == Subject.VM) {
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
        if (g.kind() == Subject.VM) {
            return MemoryProbe.vm(run, MemoryProbe.qemuPid(g.name()), vms.info(g.name()).memoryBytes(), exec(g));
        }
        var details = cts.info(g.name()).details();
        if (details.pid() <= 0) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "container " + g.name() + " has no running process",
                    "try `hyperlab ct logs " + g.name() + "`");
        }
        return MemoryProbe.container(g.kind(), run, details.pid(), details.id(), exec(g));
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
        if (g.kind() == Subject.VM) {
            return QcowSizes.ofOverlay(vms.poolDir().resolve(g.name() + ".qcow2"));
        }
        ContainerDiskSizes sizes = cts.engine().diskSizes(g.name());
        return new DiskUsage(g.kind(), sizes.imageBytes(), sizes.writableLayerBytes(), "OCI image", "writable layer");
    }

    @Override
    public void remove(LaunchedGuest g) {
        agents.remove(g.name());
        try {
            if (g.kind() == Subject.VM) {
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
