package dev.hyperlab.core.vm;

import dev.hyperlab.core.model.BootTimeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The port to a hypervisor host. Methods throw {@link dev.hyperlab.core.error.HyperlabException};
 * {@link dev.hyperlab.core.error.ErrorCode#NOT_FOUND} for unknown names. Implementations are
 * thread-safe (they confine the connection to one thread).
 */
public interface Hypervisor extends AutoCloseable {
    /** The connection URI, e.g. {@code qemu:///system}. */
    String uri();

    /** The domain type to use on this host unless told otherwise. */
    DomainType defaultDomainType();

    // --- storage ---

    /** Makes sure a directory pool {@code name} at {@code dir} on the host exists and runs. */
    void ensurePool(String name, String dir);

    /** Creates a qcow2 volume backed by the qcow2 {@code basePath}; {@code capacityBytes} >= the base's size. */
    VolumeRef createOverlay(String pool, String volName, String basePath, long capacityBytes);

    /**
     * Creates an empty, sparse raw volume of {@code bytes} that QEMU may map as a guest's RAM (a
     * template's memory file, see {@code TemplateMemory}): owned by the user QEMU runs as. Empty when
     * this host cannot give QEMU such a file: a security driver that confines QEMU to the paths
     * libvirt labels (AppArmor, SELinux), or a hypervisor without files.
     */
    Optional<VolumeRef> createMemoryVolume(String pool, String volName, long bytes);

    /** Creates a raw volume and uploads the local file into it through a libvirt stream. */
    VolumeRef uploadVolume(String pool, String volName, Path localFile);

    /** As {@link #uploadVolume(String, String, Path)}, telling {@code sent} the bytes sent so far as they go (a base image to a remote host). */
    default VolumeRef uploadVolume(String pool, String volName, Path localFile, java.util.function.LongConsumer sent) {
        return uploadVolume(pool, volName, localFile);
    }

    /** Deletes a volume; nothing happens when it does not exist. */
    void deleteVolume(String pool, String volName);

    List<VolumeRef> listVolumes(String pool);

    /**
     * Copies a volume byte for byte into a new one: a qcow2 overlay's copy keeps its backing image,
     * so it is a linked clone of the same base. Throws CONFLICT when {@code to} exists.
     */
    VolumeRef copyVolume(String pool, String from, String to);

    /** The file a qcow2 volume is an overlay on, or empty for a volume without a backing file. */
    Optional<String> backingPath(String pool, String volName);

    /**
     * Writes the volume's bytes into the local file {@code localFile} through a libvirt stream (so a
     * remote host works): a qcow2 overlay keeps its backing-file pointer. Moves a volume between hosts
     * together with {@link #uploadVolume}.
     */
    void downloadVolume(String pool, String volName, Path localFile);

    /** Grows a volume's virtual size to {@code capacityBytes}; the guest's growpart takes the space. */
    void resizeVolume(String pool, String volName, long capacityBytes);

    // --- domains ---

    void define(DomainSpec spec);

    /**
     * Defines a new domain {@code clone.name()} as a copy of {@code source}'s persistent definition
     * with its own identity ({@link DomainClone}). Throws CONFLICT when that name exists.
     */
    void defineClone(String source, DomainClone clone);

    /**
     * As {@link #defineClone}, from a definition kept elsewhere (a template's, whose domain is gone).
     */
    void defineCloneOf(String sourceXml, DomainClone clone);

    /**
     * The persistent definition, as the next boot will use it (a running domain's live XML may
     * differ), for {@code vm edit}.
     */
    String inactiveXml(String name);

    /**
     * Replaces the persistent definition of the existing domain {@code name} by {@code xml}, checked
     * first against libvirt's schema. The name and UUID must stay; on any refusal the old definition
     * stays as it was. A running domain takes the change at its next boot.
     */
    void redefine(String name, String xml);

    /** Sets the vCPUs and memory of the persistent definition (taken at the next boot). */
    void setResources(String name, int vcpus, long memoryBytes);

    /** Starts a defined domain; {@code paused} leaves the CPUs stopped until {@link #resume}. */
    void start(String name, boolean paused);

    void resume(String name);

    /** Asks the guest to shut down (ACPI); returns at once. */
    void shutdown(String name);

    /** Stops the guest at once (pulls the plug). */
    void destroy(String name);

    void reboot(String name);

    /** Removes the definition (and snapshot metadata); the domain must not be running. */
    void undefine(String name);

    Optional<VmInfo> find(String name);

    default VmInfo get(String name) {
        return find(name).orElseThrow(() -> new dev.hyperlab.core.error.HyperlabException(
                dev.hyperlab.core.error.ErrorCode.NOT_FOUND, "no VM named '" + name + "'",
                "try 'hyperlab vm list'"));
    }

    List<VmInfo> list();

    /**
     * Every domain's state and counters in one reading, cheap enough to call every second with
     * hundreds of domains (the libvirt adapter: one {@code virConnectGetAllDomainStats} round trip;
     * what hyperlab stored in a domain's metadata is read once and re-read after a
     * {@link DomainChange} names the domain). The TUI's list and {@code hyperlab list} both use it.
     */
    default List<DomainStats> allDomainStats() {
        return list().stream().map(v -> new DomainStats(v, java.util.Optional.empty())).toList();
    }

    /** Stores the boot timeline in the domain's metadata so later calls can show it. */
    void saveTimeline(String name, BootTimeline timeline);

    /** The domain XML as libvirt has it. */
    String xml(String name);

    /**
     * Sends one qemu-guest-agent command (JSON) to a running domain and returns the agent's JSON
     * reply; an error the agent reports comes back as a {@code {"error": {"desc": ...}}} reply.
     * Throws UNAVAILABLE when the agent is not configured or not (yet) connected.
     */
    String agentCommand(String name, String json, int timeoutSeconds);

    // --- console and events ---

    /** Opens the domain's serial console (forcibly taking it over from another client). */
    ConsoleStream openConsole(String name);

    /** Registers a lifecycle listener; it runs on an executor, never on the event-loop thread. */
    AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener);

    /**
     * Registers a listener for every change a cached listing must know of: lifecycle and
     * metadata-change events, and the connection going down or coming back (after which every
     * domain may have changed). Runs on an executor, must not block for long. The registration
     * outlives reconnects: the adapter registers it again on each new connection.
     */
    default AutoCloseable onChange(Consumer<DomainChange> listener) {
        return onLifecycle(e -> listener.accept(DomainChange.of(e.domain(), DomainChange.Kind.LIFECYCLE)));
    }

    /** Whether the hypervisor answers now; never blocks (the TUI's header asks it every second). */
    default ConnectionStatus connectionStatus() { return ConnectionStatus.UP; }

    // --- snapshots ---

    void createSnapshot(String domain, String snapshot, String description);

    List<SnapshotInfo> listSnapshots(String domain);

    void revertSnapshot(String domain, String snapshot);

    /** Deletes one snapshot; its children are re-parented, no data they need is lost. */
    void deleteSnapshot(String domain, String snapshot);

    // --- templates (instant clones) ---

    /**
     * Freezes the running {@code domain} into a template: pauses it, moves its system disk's writes
     * to a new overlay {@code stateVol} in {@code pool} (so the disk it ran on is frozen and becomes
     * the backing file of every clone), and saves memory and device state in that overlay as the
     * internal snapshot {@code snapshot}. Returns the snapshot's XML; the domain stays paused.
     */
    String freezeToTemplate(String domain, String pool, String stateVol, String snapshot);

    /**
     * Restores a template's saved state ({@code snapshotXml}, from {@link #freezeToTemplate}) into
     * the defined, shut-off {@code domain}, whose system disk is a byte copy of the template's state
     * overlay. The domain is left paused, with the snapshot as its current one.
     */
    void restoreTemplateState(String domain, String snapshotXml);

    // --- migration ---

    /**
     * Moves the domain {@code name} to the host at {@code req.targetUri()} with libvirt's migration: the
     * definition goes with it (persistent there, undefined here) and with its metadata (hyperlab's label,
     * the boot timeline). Reports the job's numbers to {@code progress} about twice a second; a cancelled
     * {@code cancel} aborts the job, and then (as on any failure) the guest stays here as it was
     * (CANCELLED, else OPERATION_FAILED with libvirt's reason). The disks' volumes stay on this host:
     * the caller deletes them once the guest runs there. Returns the finished job's numbers.
     */
    MigrationJob migrate(String name, MigrationRequest req, Consumer<MigrationJob> progress,
                         dev.hyperlab.core.model.Cancellation cancel);

    /**
     * The numbers of the migration that last brought {@code name} to this host, with its downtime;
     * empty when this host does not know them.
     */
    default Optional<MigrationJob> completedMigration(String name) { return Optional.empty(); }

    /** The host's memory, so a create can refuse more than it has; empty when the driver cannot tell. */
    default java.util.Optional<HostMemory> hostMemory() { return java.util.Optional.empty(); }

    /** The libvirt networks defined on the host (active or not), so a create can refuse an unknown one; empty when unknown. */
    default java.util.Optional<List<String>> networkNames() { return java.util.Optional.empty(); }

    // --- lab networks ---

    /**
     * Defines and starts a lab network (its bridge, DHCP with reservations, NAT or isolated), labelled
     * with its lab. Throws CONFLICT when a network of that name exists; a network that was defined
     * but did not start is removed again.
     */
    void createNetwork(LabNetworkSpec spec);

    /** Stops and removes a network; nothing happens when there is none of that name. */
    void removeNetwork(String name);

    /** The networks that carry a lab label, active or not. */
    List<LabNetworkInfo> labNetworks();

    @Override void close();
}
