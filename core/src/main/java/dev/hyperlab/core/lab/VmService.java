package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.OvmfLocator;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The VM operations users call (CLI, TUI): create from an image and cloud-init, start with a boot
 * timeline, stop, remove, snapshots, garbage collection. Holds no UI; reports through listeners.
 * A facade: creation is {@link VmCreator}'s, everything after it {@link VmLifecycle}'s, leftovers
 * {@link VmGc}'s; clones, instant clones, templates and resizes have classes of their own. All
 * share one {@link VmHost}.
 */
public final class VmService implements AutoCloseable {
    public static final String POOL = "hyperlab";
    /** The kind of name a VM's lock guards (a container's is "ct"). */
    static final String LOCK_KIND = "vm";
    /** How long an operation waits for another one on the same name (a create holds it until define). */
    static final Duration LOCK_WAIT = Duration.ofSeconds(120);

    private final VmHost host;
    private final ImageResolver images;
    private final SeedMaker seeds;
    private final Supplier<DomainType> defaultType;
    private final VmLifecycle lifecycle;
    private final VmCreator creator;

    public VmService(Hypervisor hv, ImageResolver images, SeedMaker seeds, Path dataDir, LongSupplier nanoClock) {
        this(hv, images, seeds, dataDir, nanoClock, hv::defaultDomainType);
    }

    /** @param defaultType the domain type when the request names none (doctor's accelerator decision) */
    public VmService(Hypervisor hv, ImageResolver images, SeedMaker seeds, Path dataDir, LongSupplier nanoClock,
                     Supplier<DomainType> defaultType) {
        this(hv, images, seeds, dataDir, nanoClock, defaultType, OvmfLocator.system());
    }

    /** @param ovmf finds OVMF for UEFI guests (a test stands for a host without it) */
    public VmService(Hypervisor hv, ImageResolver images, SeedMaker seeds, Path dataDir, LongSupplier nanoClock,
                     Supplier<DomainType> defaultType, OvmfLocator ovmf) {
        this.host = new VmHost(hv, dataDir, nanoClock);
        this.images = images;
        this.seeds = seeds;
        this.defaultType = defaultType;
        this.lifecycle = new VmLifecycle(host, images, seeds);
        this.creator = new VmCreator(host, images, seeds, defaultType, ovmf, lifecycle);
    }

    /** The result of a create: the guest and, when started, its boot timeline so far. */
    public record Created(VmInfo vm, BootTimeline timeline) {}

    /** Progress for the user: a step description, or the timeline when a boot phase is reached. */
    public interface Listener {
        void step(String what);

        default void phase(BootTimeline timeline) {}

        default void console(String line) {}

        /** Something the user should know that does not stop the create (e.g. more memory than is free). */
        default void warning(String what) { step("warning: " + what); }

        Listener NONE = what -> { };
    }

    /** A leftover found by {@link #gc}: what it is and whether it was removed. */
    public record Leftover(String kind, String name, String reason, boolean removed) {}

    // --- the parts, for the classes of this package that make VMs in other ways

    VmHost host() { return host; }

    VmCreator creator() { return creator; }

    VmLifecycle lifecycle() { return lifecycle; }

    ImageResolver images() { return images; }

    /** The domain type a create uses when the request names none. */
    DomainType defaultType() { return defaultType.get(); }

    /** The per-name locks of this libvirt host (for 'gc' and tests). */
    public NameLocks locks() { return host.locks(); }

    public Hypervisor hypervisor() { return host.hv(); }

    /** Where the pool's volumes live on the libvirt host. */
    public Path poolDir() { return host.poolDir(); }

    public Path consoleLog(String name) { return host.consoleLog(name); }

    // --- creation

    /**
     * Checks everything {@link #create} would check (input, cloud-config, name not taken, image,
     * disk size) and writes nothing. Lets a caller that makes several guests at once (the TUI's
     * "both") refuse bad input before any of them exists.
     */
    public List<String> check(CreateVmRequest req) { return creator.check(req); }

    /**
     * Creates a VM: overlay + seed + domain, all or nothing. Everything the user typed is checked
     * before anything is written. {@code t0} is the nano-clock when the user's command began.
     */
    public Created create(CreateVmRequest req, long t0, Listener listener) {
        return creator.create(req, t0, listener, Cancellation.NONE);
    }

    /** As above, cancellable: see {@link VmCreator#create}. */
    public Created create(CreateVmRequest req, long t0, Listener listener, Cancellation cancel) {
        return creator.create(req, t0, listener, cancel);
    }

    /** {@code vm template create|list|rm}. */
    public VmTemplates templates() {
        requireLocal("templates", "their records and saved states are kept on this machine");
        return new VmTemplates(this, host.hv(), images, host.templateStore());
    }

    /**
     * Refuses, before anything is made, a feature that works only on this machine's libvirt (templates,
     * labs): another host has none of the files or bridges it needs.
     */
    public void requireLocal(String feature, String why) {
        if (host.remote()) {
            throw HyperlabException.badInput(feature + " work on the local host only (" + why + "); this command is for "
                    + host.hv().uri(), "run it without --host/--connect, or make cold VMs there with 'hyperlab vm create'");
        }
    }

    /** Checks an instant clone's request as {@link #createFromTemplate} would, writing nothing. */
    public List<String> check(InstantCloneRequest req) { return instantCloner().check(req).warnings(); }

    /**
     * An instant clone: template {@code req.template()}'s saved state restored into a new VM, which
     * then gets its own identity; READY when that is applied. All or nothing, as create.
     */
    public Created createFromTemplate(InstantCloneRequest req, long t0, Listener listener, Cancellation cancel) {
        return instantCloner().create(req, t0, listener, cancel);
    }

    private InstantCloner instantCloner() {
        requireLocal("instant clones", "templates are kept on this machine");
        return new InstantCloner(this, host.hv(), images, seeds, host.templateStore(), host.nanoClock());
    }

    /**
     * A linked clone of the stopped VM {@code req.source()}: a copy of its overlay (on the same
     * image), a fresh seed (new instance id, so cloud-init gives it its own hostname, SSH host keys
     * and machine id) and the source's definition with a new identity. All or nothing, as create.
     */
    public Created clone(CloneVmRequest req, long t0, Listener listener) {
        return new VmCloner(this, host.hv(), seeds).clone(req, t0, listener);
    }

    // --- lifecycle

    /** Starts a stopped VM; with {@code wait}, follows the console until READY. */
    public BootTimeline start(String name, boolean wait, Duration timeout, long t0, Listener listener) {
        return lifecycle.start(name, wait, timeout, t0, listener);
    }

    /** As above, and a cancel stops the wait within one poll (the VM is left running: the caller removes it). */
    public BootTimeline start(String name, boolean wait, Duration timeout, long t0, Listener listener,
                              dev.hyperlab.core.model.Cancellation cancel) {
        return lifecycle.start(name, wait, timeout, t0, listener, cancel);
    }

    /** ACPI shutdown, then pull the plug after {@code grace}. Returns true when the guest shut down by itself. */
    public boolean stop(String name, Duration grace) { return lifecycle.stop(name, grace); }

    public void destroy(String name) { lifecycle.destroy(name); }

    public void reboot(String name) { lifecycle.reboot(name); }

    /** Removes the domain, its overlay, seed and console log; a running VM only with {@code force}. */
    public void remove(String name, boolean force) { lifecycle.remove(name, force); }

    /** Everything a create makes for {@code name}, removed also when half made; see {@link VmLifecycle#purge}. */
    public void purge(String name) { lifecycle.purge(name); }

    /** Changes vCPUs, memory and disk size; returns what changed, one line each. */
    public List<String> resize(String name, VmResize r) { return new VmResizer(this, host.hv()).resize(name, r); }

    /** The persistent definition, for {@code vm edit}. */
    public String definition(String name) { return lifecycle.definition(name); }

    /** Replaces the persistent definition by an edited one; see {@link VmLifecycle#redefine}. */
    public void redefine(String name, String xml) { lifecycle.redefine(name, xml); }

    /** Runs a command in a running VM through qemu-guest-agent; see {@link VmLifecycle#exec}. */
    public ExecResult exec(String name, List<String> command, Duration timeout) {
        return lifecycle.exec(name, command, timeout);
    }

    /** The serial console of a running VM, taken over from any other client; closing it leaves the guest running. */
    public ConsoleStream console(String name) { return lifecycle.console(name); }

    /** The serial console log as QEMU wrote it (on this host). */
    public Path log(String name) { return lifecycle.log(name); }

    public List<VmInfo> list() { return host.hv().list(); }

    /** The VMs created from {@code image} (for 'hyperlab image rm', which refuses while one exists). */
    public List<String> guestsUsing(String image) {
        return host.hv().list().stream().filter(v -> v.label().map(l -> l.image().equals(image)).orElse(false))
                .map(VmInfo::name).toList();
    }

    public VmInfo info(String name) { return host.hv().get(name); }

    // --- snapshots

    public void snapshotCreate(String name, String snap, String description) {
        lifecycle.snapshotCreate(name, snap, description);
    }

    public List<SnapshotInfo> snapshots(String name) { return lifecycle.snapshots(name); }

    public void snapshotRevert(String name, String snap) { lifecycle.snapshotRevert(name, snap); }

    public void snapshotDelete(String name, String snap) { lifecycle.snapshotDelete(name, snap); }

    // --- garbage collection

    /** What crashed runs left; removed unless {@code dryRun}. See {@link VmGc#gc(boolean, String)}. */
    public List<Leftover> gc(boolean dryRun) { return gc(dryRun, ""); }

    /** As above, only for guest names that start with {@code prefix} (a lab's, a test's). */
    public List<Leftover> gc(boolean dryRun, String prefix) { return new VmGc(host, lifecycle).gc(dryRun, prefix); }

    @Override public void close() { host.hv().close(); }
}
