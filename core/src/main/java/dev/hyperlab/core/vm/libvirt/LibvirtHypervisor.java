package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.ConnectionStatus;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.DomainChange;
import dev.hyperlab.core.vm.DomainClone;
import dev.hyperlab.core.vm.DomainStats;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.LifecycleEvent;
import dev.hyperlab.core.model.ReconnectPolicy;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.libvirt.DomainInfo;

/**
 * {@link Hypervisor} over libvirt-java (and {@link LibvirtNative} for what it lacks): the port's one
 * entry, which hands each part to the class that does it — {@link LibvirtDomains} (one domain's
 * lifecycle, reads, agent and console), {@link LibvirtDefinitions}, {@link LibvirtEvents},
 * {@link LibvirtStorage} and {@link VolumeTransfers}, {@link LibvirtSnapshots},
 * {@link LibvirtTemplates}, {@link LibvirtNetworks}, {@link LibvirtMigration} and the bulk listing
 * ({@link DomainListing}) — and reads the host (capabilities, memory, networks) itself. The
 * connection, its worker thread, keepalive, reconnects, handles and error mapping are
 * {@link LibvirtConnection}'s. Every Domain/StorageVol/Stream/DomainSnapshot handle is freed in a
 * {@code finally}.
 */
public final class LibvirtHypervisor implements Hypervisor {
    private final LibvirtConnection connection;
    /** The listing behind {@link #allDomainStats}; worker thread only, fed by {@link #onChange}. */
    private final DomainListing listing;
    private AutoCloseable listingEvents;
    private final LibvirtStorage storage;
    private final VolumeTransfers transfers;
    private final LibvirtDomains domains;
    private final LibvirtNetworks networks;
    private final LibvirtSnapshots snapshots;
    private final LibvirtTemplates templates;
    private final LibvirtMigration migration;
    private final LibvirtDefinitions definitions;
    private final LibvirtEvents events;

    private LibvirtHypervisor(LibvirtConnection connection) {
        this.connection = connection;
        this.storage = new LibvirtStorage(connection);
        this.transfers = new VolumeTransfers(connection);
        this.domains = new LibvirtDomains(connection);
        this.networks = new LibvirtNetworks(connection);
        this.snapshots = new LibvirtSnapshots(connection);
        this.templates = new LibvirtTemplates(connection, storage);
        this.migration = new LibvirtMigration(connection, connection.connector());
        this.definitions = new LibvirtDefinitions(connection);
        this.events = new LibvirtEvents(connection);
        this.listing = new DomainListing(connection, QemuUptime.forUri(connection.uri()));
    }

    /**
     * Opens a connection; {@code uri} null means LIBVIRT_DEFAULT_URI or else {@code qemu:///system}.
     * Fails at once when libvirt does not answer (the CLI); later losses are ridden out with
     * {@link ReconnectPolicy#DEFAULT}.
     */
    public static LibvirtHypervisor connect(String uri) {
        return open(uri, LibvirtConnection.Connector.LIBVIRT, ReconnectPolicy.DEFAULT, ReconnectPolicy.Clock.SYSTEM, true);
    }

    /**
     * As {@link #connect}, but a libvirtd that is down now is no error: the adapter starts down
     * ({@link #connectionStatus()}) and connects in the background as soon as it can (the TUI).
     */
    public static LibvirtHypervisor connectEventually(String uri) {
        return open(uri, LibvirtConnection.Connector.LIBVIRT, ReconnectPolicy.DEFAULT, ReconnectPolicy.Clock.SYSTEM, false);
    }

    static LibvirtHypervisor open(String uri, LibvirtConnection.Connector connector, ReconnectPolicy policy,
                                  ReconnectPolicy.Clock clock, boolean requireFirst) {
        LibvirtEventLoop.ensureStarted();
        return new LibvirtHypervisor(new LibvirtConnection(resolveUri(uri), connector, policy, clock, requireFirst));
    }

    public static String resolveUri(String uri) {
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        String env = System.getenv("LIBVIRT_DEFAULT_URI");
        return env == null || env.isBlank() ? "qemu:///system" : env;
    }

    /** A call that only reads: run again on the next connection when libvirtd went away under it. */
    private <T> T read(String what, LibvirtConnection.Op<T> op) { return connection.call(what, true, op); }

    LibvirtConnection connection() { return connection; }

    @Override public String uri() { return connection.uri(); }

    @Override public ConnectionStatus connectionStatus() { return connection.status(); }

    /**
     * KVM when libvirt's capabilities offer it, else TCG. For a local host the caller should prefer
     * doctor's {@code AcceleratorDecision}: a {@code /dev/kvm} that opens (and so shows up here)
     * can still be unable to run a stock kernel.
     */
    @Override public DomainType defaultDomainType() {
        return read("reading host capabilities", c -> dev.hyperlab.core.host.HostCapabilities.kvmUsable(c.getCapabilities())
                ? DomainType.KVM : DomainType.QEMU);
    }

    @Override public Optional<dev.hyperlab.core.vm.HostMemory> hostMemory() {
        return Optional.of(read("reading the host's memory", c -> {
            Optional<dev.hyperlab.core.vm.HostMemory> stats = NodeMemoryStats.read(Handles.of(c));
            return stats.isPresent() ? stats.get()
                    : new dev.hyperlab.core.vm.HostMemory(c.nodeInfo().memory * 1024, c.getFreeMemory());
        }));
    }

    @Override public Optional<List<String>> networkNames() {
        return Optional.of(read("listing libvirt networks", c -> {
            List<String> names = new java.util.ArrayList<>(List.of(c.listNetworks()));
            names.addAll(List.of(c.listDefinedNetworks()));
            return names.stream().sorted().toList();
        }));
    }

    @Override public void createNetwork(dev.hyperlab.core.vm.LabNetworkSpec spec) { networks.create(spec); }

    @Override public void removeNetwork(String name) { networks.remove(name); }

    @Override public List<dev.hyperlab.core.vm.LabNetworkInfo> labNetworks() { return networks.labNetworks(); }

    /** Number of handles freed vs taken so far (for leak tests). */
    public int handlesTaken() { return connection.handlesTaken(); }

    public int handlesFreed() { return connection.handlesFreed(); }

    // ------------------------------------------------------------------ storage (LibvirtStorage)

    @Override public void ensurePool(String name, String dir) { storage.ensurePool(name, dir); }

    @Override public java.util.Optional<VolumeRef> createMemoryVolume(String pool, String volName, long bytes) {
        String caps = read("reading host capabilities", c -> c.getCapabilities());
        return QemuUser.ofCapabilities(caps).map(owner -> storage.createMemoryVolume(pool, volName, bytes, owner));
    }

    @Override public VolumeRef createOverlay(String pool, String volName, String basePath, long capacity) {
        return storage.createOverlay(pool, volName, basePath, capacity);
    }

    @Override public VolumeRef uploadVolume(String pool, String volName, Path localFile,
                                            java.util.function.LongConsumer sent) {
        return transfers.upload(pool, volName, localFile, sent);
    }

    @Override public VolumeRef uploadVolume(String pool, String volName, Path localFile) {
        return transfers.upload(pool, volName, localFile, n -> { });
    }

    @Override public void deleteVolume(String pool, String volName) { storage.deleteVolume(pool, volName); }

    @Override public void downloadVolume(String pool, String volName, Path localFile) {
        transfers.download(pool, volName, localFile);
    }

    // ------------------------------------------------------------------ migration (LibvirtMigration)

    @Override public dev.hyperlab.core.vm.MigrationJob migrate(String name, dev.hyperlab.core.vm.MigrationRequest req,
                                                               Consumer<dev.hyperlab.core.vm.MigrationJob> progress,
                                                               dev.hyperlab.core.model.Cancellation cancel) {
        return migration.migrate(name, req, progress, cancel);
    }

    @Override public Optional<dev.hyperlab.core.vm.MigrationJob> completedMigration(String name) {
        return migration.completed(name);
    }

    @Override public List<VolumeRef> listVolumes(String pool) { return storage.listVolumes(pool); }

    @Override public VolumeRef copyVolume(String pool, String from, String to) { return transfers.copy(pool, from, to); }

    @Override public Optional<String> backingPath(String pool, String volName) { return storage.backingPath(pool, volName); }

    @Override public void resizeVolume(String pool, String volName, long capacityBytes) {
        storage.resizeVolume(pool, volName, capacityBytes);
    }

    // ------------------------------------------------------------------ domains

    @Override public void define(DomainSpec spec) { definitions.define(spec); }

    @Override public void defineClone(String source, DomainClone clone) {
        definitions.defineCloneOf(definitions.inactiveXml(source), clone);
    }

    @Override public void defineCloneOf(String sourceXml, DomainClone clone) { definitions.defineCloneOf(sourceXml, clone); }

    @Override public String inactiveXml(String name) { return definitions.inactiveXml(name); }

    @Override public void redefine(String name, String xml) { definitions.redefine(name, xml); }

    @Override public void setResources(String name, int vcpus, long memoryBytes) {
        redefine(name, ResourceXml.withResources(inactiveXml(name), vcpus, memoryBytes));
    }

    @Override public void start(String name, boolean paused) { domains.start(name, paused); }

    @Override public void resume(String name) { domains.resume(name); }

    @Override public void shutdown(String name) { domains.shutdown(name); }

    @Override public void destroy(String name) { domains.destroy(name); }

    @Override public void reboot(String name) { domains.reboot(name); }

    @Override public void undefine(String name) { domains.undefine(name); }

    @Override public Optional<VmInfo> find(String name) { return domains.find(name); }

    /** The bulk listing's rows by name: {@code vm list}, {@code hyperlab list} and the TUI read domains one way. */
    @Override public List<VmInfo> list() {
        return allDomainStats().stream().map(DomainStats::info).sorted(java.util.Comparator.comparing(VmInfo::name))
                .toList();
    }

    /** One mapping of libvirt states for every caller (the CLI, the TUI). */
    public static GuestState state(DomainInfo.DomainState s) {
        return switch (s) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> GuestState.RUNNING;
            case VIR_DOMAIN_PAUSED -> GuestState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> GuestState.TRANSITIONING;
            case VIR_DOMAIN_SHUTOFF -> GuestState.STOPPED;
            case VIR_DOMAIN_CRASHED -> GuestState.CRASHED;
            default -> GuestState.UNKNOWN;
        };
    }

    @Override public void saveTimeline(String name, BootTimeline timeline) { domains.saveTimeline(name, timeline); }

    @Override public String agentCommand(String name, String json, int timeoutSeconds) {
        return domains.agentCommand(name, json, timeoutSeconds);
    }

    @Override public String xml(String name) { return domains.xml(name); }

    // ------------------------------------------------------------------ console, events, listing

    /** The console session survives a libvirtd restart: it opens the console again on the new connection. */
    @Override public ConsoleStream openConsole(String name) { return domains.openConsole(name); }

    /** Registered on every connection the adapter makes, so it survives a reconnect. */
    @Override public AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener) { return events.onLifecycle(listener); }

    /** Lifecycle, metadata-change and connection events; see {@link LibvirtEvents#onChange}. */
    @Override public AutoCloseable onChange(Consumer<DomainChange> listener) { return events.onChange(listener); }

    /** One bulk call a tick; the metadata read once per domain, again only after an event names it. */
    @Override public List<DomainStats> allDomainStats() {
        synchronized (listing) {
            if (listingEvents == null) {
                listingEvents = onChange(listing::changed);
            }
        }
        return read("listing VMs", listing::read);
    }

    // ------------------------------------------------------------------ snapshots (LibvirtSnapshots)

    @Override public void createSnapshot(String domain, String snapshot, String description) {
        snapshots.create(domain, snapshot, description);
    }

    @Override public List<SnapshotInfo> listSnapshots(String domain) { return snapshots.list(domain); }

    @Override public void revertSnapshot(String domain, String snapshot) { snapshots.revert(domain, snapshot); }

    @Override public void deleteSnapshot(String domain, String snapshot) { snapshots.delete(domain, snapshot); }

    // ------------------------------------------------------------------ templates (LibvirtTemplates)

    @Override public String freezeToTemplate(String domain, String pool, String stateVol, String snapshot) {
        return templates.freeze(domain, pool, stateVol, snapshot);
    }

    @Override public void restoreTemplateState(String domain, String snapshotXml) {
        templates.restore(domain, snapshotXml);
    }

    // ------------------------------------------------------------------ plumbing

    @Override public void close() {
        if (listingEvents != null) {
            try {
                listingEvents.close();
            } catch (Exception ignored) {
                // the connection closes next anyway
            }
        }
        connection.close();
    }
}
