package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.ScriptedConsole;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.LifecycleEvent;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory {@link Hypervisor} every test that needs no libvirt uses (core's services, the TUI's
 * screens through core's test-jar); it keeps the port's promises ({@code FakeHypervisorContractTest}
 * runs {@link dev.hyperlab.core.vm.HypervisorContract} on it, as the libvirt adapter's test runs it on
 * {@code test:///default}). Volumes and domains live in maps; lifecycle events reach
 * {@link #onLifecycle} listeners as libvirt's would, on a thread of their own.
 *
 * <p>What a test scripts: every domain's serial console is a {@link ScriptedConsole} ({@link #console}
 * hands the test the one last opened, to speak for the guest; until it does, the guest prints nothing,
 * as a TCG boot seems to a test). {@link #onCall} runs before every operation with its name
 * ("createOverlay", "define", "start", ...), so a test can act at an exact step: cancel, throw (an
 * injected failure), or block on a latch (a gate, a slow host).
 */
public final class FakeHypervisor implements Hypervisor {
    final Map<String, VolumeRef> volumes = new ConcurrentHashMap<>();
    final Map<String, DomainSpec> domains = new ConcurrentHashMap<>();
    final Map<String, GuestState> states = new ConcurrentHashMap<>();
    /** Every operation asked, by name, in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final FakeConsoles consoles = new FakeConsoles();
    private final FakeSnapshots snapshots = new FakeSnapshots();
    /** Domains another tool made: listed without a hyperlab label (as the test driver's own "test"). */
    private final java.util.Set<String> foreign = ConcurrentHashMap.newKeySet();
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.ExecutorService events = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-hypervisor-events");
        t.setDaemon(true);
        return t;
    });
    /** Runs before every operation with its name; may throw (the operation fails) or block (a gate). */
    public volatile Consumer<String> onCall = c -> { };

    private void call(String what) {
        calls.add(what);
        onCall.accept(what);
    }

    /** As libvirt's event loop: the listeners hear of it on another thread, shortly after. */
    private void event(String domain, String type) {
        LifecycleEvent e = new LifecycleEvent(domain, type, "", System.nanoTime());
        if (!listeners.isEmpty()) {
            try {
                events.execute(() -> listeners.forEach(l -> l.accept(e)));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // closed: as a connection that is gone, it reports nothing more
            }
        }
    }

    /**
     * A fake with the one domain libvirt's {@code test:///default} starts with: "test", running, 2
     * vCPUs, 8 GiB, made by no hyperlab, so a screen has a row to show before a test adds its own.
     */
    public static FakeHypervisor likeTheTestDriver() {
        FakeHypervisor hv = new FakeHypervisor();
        hv.defineForeign("test", 2, 8L << 30, dev.hyperlab.core.vm.NetworkSpec.NONE);
        hv.start("test", false);
        return hv;
    }

    /**
     * Defines (stopped) a domain that another tool made: no hyperlab label, no volumes in a pool of
     * ours; {@code network} as its NIC (a user-mode one forwards SSH to a loopback port, which the
     * listing shows, as the adapter reads it from QEMU's command line).
     */
    public void defineForeign(String name, int vcpus, long memoryBytes, dev.hyperlab.core.vm.NetworkSpec network) {
        String disk = "/var/lib/libvirt/images/" + name + ".img";
        define(new DomainSpec(name, DomainType.QEMU, vcpus, memoryBytes, disk, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), network, "", new HyperlabLabel("", java.time.Instant.EPOCH, "", "",
                "", "", "")));
        foreign.add(name);
    }

    /**
     * The console last opened for {@code name}, for the test to speak for the guest; waits up to 20 s
     * for someone (the boot watcher, a console view) to open it.
     */
    public ScriptedConsole console(String name) throws InterruptedException { return consoles.last(name); }

    /** How often the console of {@code name} was opened (each open takes it over from the last reader). */
    public int opens(String name) { return consoles.opens(name); }

    /** Every fake made with a URI, so one can migrate to another as libvirt's daemons find each other. */
    private static final Map<String, FakeHypervisor> HOSTS = new ConcurrentHashMap<>();
    private final String uri;
    volatile DomainType defaultType = DomainType.QEMU;
    volatile Optional<dev.hyperlab.core.vm.HostMemory> memory = Optional.empty();
    volatile Optional<List<String>> networkNames = Optional.empty();
    /** The job numbers of the migration that brought each domain here. */
    final Map<String, dev.hyperlab.core.vm.MigrationJob> arrived = new ConcurrentHashMap<>();

    public FakeHypervisor() {
        this.uri = "fake:///";
    }

    /** A host of its own, found by {@link #migrate} under {@code uri} until it is closed. */
    public FakeHypervisor(String uri) {
        this.uri = uri;
        HOSTS.put(uri, this);
    }

    @Override public String uri() { return uri; }

    @Override public DomainType defaultDomainType() { return defaultType; }

    @Override public Optional<dev.hyperlab.core.vm.HostMemory> hostMemory() { return memory; }

    @Override public Optional<List<String>> networkNames() { return networkNames; }

    /**
     * As libvirt's migration with PERSIST_DEST and UNDEFINE_SOURCE: every disk must be on the target at
     * its path already (shared, or made there by the caller for a storage copy), the definition (label,
     * timeline) moves, the volumes stay here. A target that is this host or no known host fails, and
     * the guest stays.
     */
    @Override public dev.hyperlab.core.vm.MigrationJob migrate(String name, dev.hyperlab.core.vm.MigrationRequest req,
                                                               Consumer<dev.hyperlab.core.vm.MigrationJob> progress,
                                                               dev.hyperlab.core.model.Cancellation cancel) {
        call("migrate");
        DomainSpec s = required(name);
        String what = "migrating " + name + " to " + req.targetUri();
        FakeHypervisor target = HOSTS.get(req.targetUri());
        if (target == null || target == this) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, what + " failed: "
                    + (target == this ? "the target is this host" : "unable to connect to " + req.targetUri()), null);
        }
        cancel.check(what);
        if (target.domains.containsKey(name)) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, what + " failed: domain '" + name + "' already exists", null);
        }
        for (String path : java.util.stream.Stream.concat(java.util.stream.Stream.of(s.overlayPath()), s.seedPath().stream()).toList()) {
            String vol = Path.of(path).getFileName().toString();
            if (!target.volumes.containsKey(vol)) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, what + " failed: cannot access storage file '"
                        + path + "' on the target", null);
            }
        }
        long mem = s.memoryBytes();
        progress.accept(new dev.hyperlab.core.vm.MigrationJob(java.time.Duration.ofMillis(500), mem, mem / 2, mem / 2,
                mem / 2, Optional.empty()));
        cancel.check(what);
        HyperlabLabel l = s.label();
        HyperlabLabel moved = new HyperlabLabel(l.image(), l.created(), l.instanceId(), l.pool(), l.overlayVol(), l.seedVol(),
                req.consoleLog().orElse(""));
        target.domains.put(name, new DomainSpec(name, s.type(), s.vcpus(), s.memoryBytes(), s.overlayPath(), s.seedPath(),
                s.kernel(), s.initrd(), s.cmdline(), req.sshHostPort() > 0 ? s.network().withSshHostPort(req.sshHostPort())
                : s.network(), req.consoleLog().orElse(""), moved, s.diskCache(), s.firmware(), s.seedBus()));
        target.states.put(name, states.get(name));
        target.timelines.put(name, timelines.getOrDefault(name, BootTimeline.empty()));
        dev.hyperlab.core.vm.MigrationJob done = new dev.hyperlab.core.vm.MigrationJob(java.time.Duration.ofSeconds(1), mem,
                mem, 0, 0, Optional.of(java.time.Duration.ofMillis(40)));
        target.arrived.put(name, done);
        domains.remove(name);
        states.remove(name);
        timelines.remove(name);
        snapshots.forget(name);
        return done;
    }

    @Override public Optional<dev.hyperlab.core.vm.MigrationJob> completedMigration(String name) {
        return Optional.ofNullable(arrived.get(name));
    }

    /** What {@link #downloadVolume} writes: the volume's name, so an upload elsewhere can be told apart. */
    @Override public void downloadVolume(String pool, String volName, Path localFile) {
        call("downloadVolume");
        if (!volumes.containsKey(volName)) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no volume " + volName, null);
        }
        try {
            java.nio.file.Files.writeString(localFile, "fake volume " + volName + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override public void ensurePool(String name, String dir) { call("ensurePool"); }

    @Override public java.util.Optional<VolumeRef> createMemoryVolume(String pool, String volName, long bytes) {
        call("createMemoryVolume");
        VolumeRef v = new VolumeRef(pool, volName, "/pool/" + volName, 0, bytes);
        volumes.put(volName, v);
        return java.util.Optional.of(v);
    }

    @Override public VolumeRef createOverlay(String pool, String volName, String basePath, long capacity) {
        call("createOverlay");
        VolumeRef v = new VolumeRef(pool, volName, "/pool/" + volName, 196_608, capacity);
        volumes.put(volName, v);
        backing.put(volName, basePath);
        return v;
    }

    @Override public VolumeRef uploadVolume(String pool, String volName, Path localFile) {
        call("uploadVolume");
        VolumeRef v = new VolumeRef(pool, volName, "/pool/" + volName, 32_768, 32_768);
        volumes.put(volName, v);
        return v;
    }

    @Override public void deleteVolume(String pool, String volName) {
        call("deleteVolume");
        volumes.remove(volName);
    }

    @Override public List<VolumeRef> listVolumes(String pool) { return new ArrayList<>(volumes.values()); }

    @Override public VolumeRef copyVolume(String pool, String from, String to) {
        call("copyVolume");
        if (volumes.containsKey(to)) {
            throw new HyperlabException(ErrorCode.CONFLICT, "storage volume '" + to + "' exists already", null);
        }
        VolumeRef src = volumes.get(from);
        VolumeRef v = new VolumeRef(pool, to, "/pool/" + to, src.allocationBytes(), src.capacityBytes());
        volumes.put(to, v);
        if (backing.containsKey(from)) {
            backing.put(to, backing.get(from));
        }
        return v;
    }

    @Override public void resizeVolume(String pool, String volName, long capacityBytes) {
        call("resizeVolume");
        VolumeRef v = volumes.get(volName);
        volumes.put(volName, new VolumeRef(pool, volName, v.path(), v.allocationBytes(), capacityBytes));
    }

    /** As the adapter: the source's size and devices, the clone's name, disks, log and label. */
    @Override public void defineClone(String source, dev.hyperlab.core.vm.DomainClone clone) {
        call("defineClone");
        DomainSpec s = required(source);
        if (domains.containsKey(clone.name())) {
            throw new HyperlabException(ErrorCode.CONFLICT, "a VM named '" + clone.name() + "' exists already", null);
        }
        String overlay = clone.diskPaths().get(s.overlayPath());
        if (overlay == null) {
            throw new HyperlabException(ErrorCode.CONFLICT, "cannot clone: disk " + s.overlayPath() + " is not mapped", null);
        }
        define(new DomainSpec(clone.name(), s.type(), s.vcpus(), s.memoryBytes(), overlay,
                s.seedPath().map(p -> clone.diskPaths().getOrDefault(p, p)), s.kernel(), s.initrd(), s.cmdline(),
                s.network(), clone.consoleLog(), clone.label(), s.diskCache(), s.firmware(), s.seedBus()));
    }

    @Override public void defineCloneOf(String sourceXml, dev.hyperlab.core.vm.DomainClone clone) {
        throw new UnsupportedOperationException("clones are tested on libvirt's test driver, which keeps real XML");
    }

    final Map<String, String> backing = new ConcurrentHashMap<>();

    @Override public java.util.Optional<String> backingPath(String pool, String volName) {
        if (!volumes.containsKey(volName)) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no volume " + volName, null);
        }
        return java.util.Optional.ofNullable(backing.get(volName));
    }

    /** As libvirt: the domain pauses, its writes move to {@code stateVol} (an overlay on its disk). */
    @Override public String freezeToTemplate(String domain, String pool, String stateVol, String snapshot) {
        call("freezeToTemplate");
        DomainSpec d = required(domain);
        states.put(domain, GuestState.PAUSED);
        volumes.put(stateVol, new VolumeRef(pool, stateVol, "/pool/" + stateVol, 200L << 20, 4L << 30));
        backing.put(stateVol, d.overlayPath());
        return "<domainsnapshot><name>" + snapshot + "</name></domainsnapshot>";
    }

    @Override public void restoreTemplateState(String domain, String snapshotXml) {
        call("restoreTemplateState");
        required(domain);
        states.put(domain, GuestState.PAUSED);
    }

    @Override public String inactiveXml(String name) { return xml(name); }

    final Map<String, BootTimeline> timelines = new ConcurrentHashMap<>();

    @Override public void redefine(String name, String xml) {
        throw new UnsupportedOperationException("definitions are tested on libvirt's test driver, which keeps real XML");
    }

    @Override public void setResources(String name, int vcpus, long memoryBytes) {
        call("setResources");
        DomainSpec s = required(name);
        domains.put(name, new DomainSpec(name, s.type(), vcpus, memoryBytes, s.overlayPath(), s.seedPath(), s.kernel(),
                s.initrd(), s.cmdline(), s.network(), s.consoleLogPath(), s.label(), s.diskCache(), s.firmware(), s.seedBus()));
    }

    @Override public void define(DomainSpec spec) {
        call("define");
        if (domains.putIfAbsent(spec.name(), spec) != null) {
            throw new HyperlabException(ErrorCode.CONFLICT, "exists", null);
        }
        states.put(spec.name(), GuestState.STOPPED);
        event(spec.name(), "DEFINED");
    }

    @Override public void start(String name, boolean paused) {
        call("start");
        required(name);
        states.put(name, paused ? GuestState.PAUSED : GuestState.RUNNING);
        event(name, paused ? "SUSPENDED" : "STARTED");
    }

    @Override public void resume(String name) {
        call("resume");
        required(name);
        states.put(name, GuestState.RUNNING);
        event(name, "RESUMED");
    }

    @Override public void shutdown(String name) { destroy(name); }

    @Override public void destroy(String name) {
        call("destroy");
        required(name);
        states.put(name, GuestState.STOPPED);
        consoles.closeAll(name);
        event(name, "STOPPED");
    }

    @Override public void reboot(String name) { call("reboot"); }

    @Override public void undefine(String name) {
        call("undefine");
        required(name);
        domains.remove(name);
        states.remove(name);
        timelines.remove(name);
        snapshots.forget(name);
        foreign.remove(name);
        event(name, "UNDEFINED");
    }

    @Override public Optional<VmInfo> find(String name) {
        DomainSpec s = domains.get(name);
        if (s == null) {
            return Optional.empty();
        }
        return Optional.of(new VmInfo(name, "uuid-" + name, states.get(name), s.vcpus(), s.memoryBytes(), 0,
                foreign.contains(name) ? Optional.empty() : Optional.of(s.label()),
                timelines.getOrDefault(name, BootTimeline.empty())));
    }

    private DomainSpec required(String name) {
        DomainSpec d = domains.get(name);
        if (d == null) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no VM named '" + name + "'", null);
        }
        return d;
    }

    @Override public List<VmInfo> list() {
        return domains.keySet().stream().map(n -> find(n).orElseThrow()).toList();
    }

    /** With the SSH forward of a user-mode NIC, as the adapter reads it from QEMU's command line. */
    @Override public List<dev.hyperlab.core.vm.DomainStats> allDomainStats() {
        return list().stream().map(v -> new dev.hyperlab.core.vm.DomainStats(v, Optional.empty(),
                sshPort(domains.get(v.name())))).toList();
    }

    private static Optional<Integer> sshPort(DomainSpec s) {
        int port = s == null ? 0 : s.network() instanceof dev.hyperlab.core.vm.NetworkSpec.UserRestricted u ? u.sshHostPort()
                : s.network() instanceof dev.hyperlab.core.vm.NetworkSpec.UserNat n ? n.sshHostPort() : 0;
        return port > 0 ? Optional.of(port) : Optional.empty();
    }

    @Override public void saveTimeline(String name, BootTimeline timeline) {
        required(name);
        timelines.put(name, timeline);
    }

    @Override public String xml(String name) { return dev.hyperlab.core.vm.libvirt.DomainXmlBuilder.build(required(name)); }

    @Override public String agentCommand(String name, String json, int timeoutSeconds) {
        throw new HyperlabException(ErrorCode.UNAVAILABLE, "no agent", null);
    }

    /** A new {@link ScriptedConsole}; as libvirt's FORCE open, the reader before loses it (its stream ends). */
    @Override public ConsoleStream openConsole(String name) {
        call("openConsole");
        required(name);
        return consoles.open(name);
    }

    @Override public AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override public void createSnapshot(String domain, String snapshot, String description) {
        call("createSnapshot");
        required(domain);
        snapshots.take(domain, snapshot, description, states.get(domain));
    }

    @Override public List<SnapshotInfo> listSnapshots(String domain) {
        required(domain);
        return snapshots.list(domain);
    }

    @Override public void revertSnapshot(String domain, String snapshot) {
        call("revertSnapshot");
        required(domain);
        states.put(domain, snapshots.revert(domain, snapshot));
    }

    @Override public void deleteSnapshot(String domain, String snapshot) {
        call("deleteSnapshot");
        required(domain);
        snapshots.delete(domain, snapshot);
    }

    @Override public void close() {
        HOSTS.remove(uri, this);
        events.shutdown();
    }

    final Map<String, dev.hyperlab.core.vm.LabNetworkSpec> networks = new ConcurrentHashMap<>();

    @Override public void createNetwork(dev.hyperlab.core.vm.LabNetworkSpec spec) {
        call("createNetwork");
        if (networks.putIfAbsent(spec.name(), spec) != null) {
            throw new dev.hyperlab.core.error.HyperlabException(dev.hyperlab.core.error.ErrorCode.CONFLICT,
                    "a libvirt network named '" + spec.name() + "' exists already", null);
        }
    }

    @Override public void removeNetwork(String name) {
        call("removeNetwork");
        networks.remove(name);
    }

    @Override public List<dev.hyperlab.core.vm.LabNetworkInfo> labNetworks() {
        return networks.values().stream().map(n -> new dev.hyperlab.core.vm.LabNetworkInfo(n.name(), n.bridge(), n.lab(),
                n.instanceId(), true)).toList();
    }
}
