package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.Firmware;
import dev.hyperlab.core.vm.OvmfLocator;
import dev.hyperlab.core.vm.SeedBus;
import dev.hyperlab.images.catalog.DistroFacts;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.LifecycleEvent;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The VM operations users call (CLI, TUI): create from an image and cloud-init, start with a boot
 * timeline, stop, remove, snapshots, garbage collection. Holds no UI; reports through listeners.
 */
public final class VmService implements AutoCloseable {
    public static final String POOL = "hyperlab";
    /** The kind of name a VM's lock guards (a container's is "ct"). */
    static final String LOCK_KIND = "vm";
    /** How long an operation waits for another one on the same name (a create holds it until define). */
    static final Duration LOCK_WAIT = Duration.ofSeconds(120);

    private final Hypervisor hv;
    private final ImageResolver images;
    private final SeedMaker seeds;
    private final Path dataDir;
    private final LongSupplier nanoClock;
    private final java.util.function.Supplier<DomainType> defaultType;
    private final OvmfLocator ovmf;
    private final NameLocks locks;

    public VmService(Hypervisor hv, ImageResolver images, SeedMaker seeds, Path dataDir, LongSupplier nanoClock) {
        this(hv, images, seeds, dataDir, nanoClock, hv::defaultDomainType);
    }

    /** @param defaultType the domain type when the request names none (doctor's accelerator decision) */
    public VmService(Hypervisor hv, ImageResolver images, SeedMaker seeds, Path dataDir, LongSupplier nanoClock,
                     java.util.function.Supplier<DomainType> defaultType) {
        this(hv, images, seeds, dataDir, nanoClock, defaultType, OvmfLocator.system());
    }

    /** @param ovmf finds OVMF for UEFI guests (a test stands for a host without it) */
    public VmService(Hypervisor hv, ImageResolver images, SeedMaker seeds, Path dataDir, LongSupplier nanoClock,
                     java.util.function.Supplier<DomainType> defaultType, OvmfLocator ovmf) {
        this.ovmf = ovmf;
        this.hv = hv;
        this.images = images;
        this.seeds = seeds;
        this.dataDir = dataDir;
        this.nanoClock = nanoClock;
        this.defaultType = defaultType;
        this.locks = new NameLocks(LabDirs.locksDir(dataDir), hv.uri());
    }

    ImageResolver images() { return images; }

    /** The domain type a create uses when the request names none. */
    DomainType defaultType() { return defaultType.get(); }

    /** {@code vm template create|list|rm}. */
    public VmTemplates templates() { return new VmTemplates(this, hv, images, templateStore()); }

    private dev.hyperlab.core.template.TemplateStore templateStore() {
        return new dev.hyperlab.core.template.TemplateStore(dataDir);
    }

    /** Checks an instant clone's request as {@link #createFromTemplate} would, writing nothing. */
    public List<String> check(InstantCloneRequest req) {
        return new InstantCloner(this, hv, images, seeds, templateStore(), nanoClock).check(req).warnings();
    }

    /**
     * An instant clone: template {@code req.template()}'s saved state restored into a new VM, which
     * then gets its own identity; READY when that is applied. All or nothing, as create.
     */
    public Created createFromTemplate(InstantCloneRequest req, long t0, Listener listener, Cancellation cancel) {
        return new InstantCloner(this, hv, images, seeds, templateStore(), nanoClock).create(req, t0, listener, cancel);
    }

    /** The per-name locks of this libvirt host (for 'gc' and tests). */
    public NameLocks locks() { return locks; }

    public Hypervisor hypervisor() { return hv; }

    /** Where the pool's volumes live on the libvirt host. */
    public Path poolDir() { return dataDir.resolve("pool"); }

    public Path consoleLog(String name) { return dataDir.resolve("logs").resolve(name + "-console.log"); }

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

    /**
     * Checks everything {@link #create} would check (input, cloud-config, name not taken, image,
     * disk size) and writes nothing. Lets a caller that makes several guests at once (the TUI's
     * "both") refuse bad input before any of them exists.
     */
    public List<String> check(CreateVmRequest req) {
        return checked(req).warnings();
    }

    /** What the checks found and create goes on with; {@code warnings} do not stop it. */
    private record Checked(GuestSeed seed, BootImage image, long capacity, Firmware firmware, List<String> warnings) {}

    private Checked checked(CreateVmRequest req) {
        GuestNames.requireValid(req.name());
        if (req.cpus() < 1 || req.cpus() > 64) {
            throw HyperlabException.badInput("bad --cpus " + req.cpus() + ": must be 1-64", "try --cpus 2");
        }
        if (req.memoryBytes() < (128L << 20)) {
            throw HyperlabException.badInput("bad --memory " + Sizes.human(req.memoryBytes())
                    + ": a Debian guest needs at least 128 MiB", "try --memory 1G");
        }
        if (req.timeout().isNegative() || req.timeout().isZero()) {
            throw HyperlabException.badInput("bad timeout " + req.timeout(), "try --timeout 300");
        }
        List<String> warnings = new ArrayList<>(HostChecks.memory(req.memoryBytes(), hv.hostMemory()));
        if (req.network() instanceof dev.hyperlab.core.vm.NetworkSpec.Named n) {
            HostChecks.network(n.network(), hv.networkNames());
        }
        req.user().ifPresent(GuestNames::requireValidUser);
        List<String> keys = SshKeyFiles.read(req.sshKeyFiles());
        req.cloudConfig().ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw HyperlabException.badInput("cloud-config file " + p + " cannot be read", "try an existing file");
            }
        });
        String instanceId = dev.hyperlab.cloudinit.model.InstanceId.newFor(req.name());
        GuestSeed seed = new GuestSeed(instanceId, req.name(), req.user(), keys, req.cloudConfig(), req.runcmd(),
                !(req.network() instanceof dev.hyperlab.core.vm.NetworkSpec.None));
        seeds.validate(seed);
        requireNameFree(req.name());
        BootImage image = images.resolve(req.image());
        long capacity = req.diskBytes().orElse(image.virtualSize());
        if (capacity < image.virtualSize()) {
            throw HyperlabException.badInput("bad --disk " + Sizes.human(capacity) + ": smaller than image "
                    + image.name() + " (" + Sizes.human(image.virtualSize()) + ")",
                    "try --disk " + Sizes.compact(image.virtualSize()));
        }
        Firmware firmware = FirmwareChoice.choose(image, req.firmware(), req.secureBoot(), ovmf);
        return new Checked(seed, image, capacity, firmware, List.copyOf(warnings));
    }

    /**
     * Creates a VM: overlay + seed + domain, all or nothing. Everything the user typed is checked
     * before anything is written. {@code t0} is the nano-clock when the user's command began.
     */
    public Created create(CreateVmRequest req, long t0, Listener listener) {
        return create(req, t0, listener, Cancellation.NONE);
    }

    /**
     * As above, cancellable: {@code cancel} is checked between the steps and polled while the boot is
     * awaited, and when it is cancelled everything made so far (volumes, seed, log, the domain, destroyed
     * first when it runs) is removed here, on the creating thread, before {@link ErrorCode#CANCELLED} is
     * thrown. So a cancel takes effect within one libvirt call whether the domain exists yet or not.
     */
    public Created create(CreateVmRequest req, long t0, Listener listener, Cancellation cancel) {
        String what = "creating VM " + req.name();
        Checked checked = checked(req);
        checked.warnings().forEach(listener::warning);
        cancel.check(what);
        GuestSeed seed = checked.seed();
        String instanceId = seed.instanceId();
        BootImage image = checked.image();
        long capacity = checked.capacity();
        DomainType type = req.domainType().orElseGet(defaultType);
        dev.hyperlab.core.vm.NetworkSpec network = req.network();
        if (network.userMode() && network.sshHostPort() == 0) {
            network = network.withSshHostPort(freeLoopbackPort());
        }
        Optional<Integer> sshPort = network.userMode() ? Optional.of(network.sshHostPort()) : Optional.empty();

        // --- from here on, everything made is undone if a later step fails. An undo step is pushed
        // only once its action succeeded, so a step that failed because the thing exists already
        // never removes that thing; until define the name lock proves the volumes are this create's.
        Deque<Runnable> undo = new ArrayDeque<>();
        String overlayVol = req.name() + ".qcow2";
        String seedVol = req.name() + "-seed.iso";
        Path log = consoleLog(req.name());
        NameLocks.Held lock = locks.acquire(LOCK_KIND, req.name(), LOCK_WAIT);
        try {
            BootTimeline timeline;
            CrashPoints.reached(Step.VM_CREATE_LOCKED);
            cancel.check(what);
            listener.step("preparing storage pool " + POOL);
            hv.ensurePool(POOL, poolDir().toString());
            requireNameFree(req.name()); // again, now that no other create of this name can run
            cancel.check(what);
            listener.step("creating overlay on " + image.name());
            VolumeRef overlay = hv.createOverlay(POOL, overlayVol, image.qcow2().toString(), capacity);
            undo.push(() -> hv.deleteVolume(POOL, overlayVol));
            CrashPoints.reached(Step.VM_CREATE_OVERLAY);
            cancel.check(what);
            listener.step("writing cloud-init seed");
            Path tmp = Files.createTempDirectory("hyperlab-seed-");
            VolumeRef seedRef;
            try {
                Path iso = tmp.resolve("seed.iso");
                seeds.write(seed, iso);
                seedRef = hv.uploadVolume(POOL, seedVol, iso);
                undo.push(() -> hv.deleteVolume(POOL, seedVol));
            } finally {
                deleteQuietly(tmp.resolve("seed.iso"));
                deleteQuietly(tmp);
            }
            CrashPoints.reached(Step.VM_CREATE_SEED);
            cancel.check(what);
            Files.createDirectories(log.getParent());
            HyperlabLabel label = new HyperlabLabel(image.name(), Instant.now(), instanceId, POOL, overlayVol, seedVol,
                    log.toString());
            DomainSpec spec = new DomainSpec(req.name(), type, req.cpus(), req.memoryBytes(), overlay.path(),
                    Optional.of(seedRef.path()), image.kernel().map(Path::toString),
                    image.kernel().isPresent() ? image.initrd().map(Path::toString) : Optional.empty(),
                    image.kernel().isPresent() ? image.cmdline().map(VmService::observableCmdline) : Optional.empty(),
                    network, log.toString(), label, req.diskCache(), checked.firmware(),
                    image.facts().filter(DistroFacts::seedOnCdrom).isPresent() ? SeedBus.SATA_CDROM : SeedBus.VIRTIO_DISK);
            listener.step("defining domain (" + type.xmlName() + ", " + checked.firmware().label() + ", "
                    + checked.firmware().machine() + ")");
            hv.define(spec);
            // From here the domain's label owns the volumes and the log: one undo removes them all,
            // and only while a domain of this name still carries this create's instance id.
            undo.clear();
            undo.push(() -> removeIfOurs(req.name(), instanceId));
            CrashPoints.reached(Step.VM_CREATE_DEFINE);
            cancel.check(what);
            timeline = BootTimeline.empty().reached(Phase.CREATED, elapsed(t0));
            hv.saveTimeline(req.name(), timeline);
            lock.close(); // the domain is defined: others may now see it (and wait no longer); a boot takes minutes
            listener.phase(timeline);
            if (req.start()) {
                listener.step("starting");
                timeline = boot(req.name(), t0, timeline, instanceId, req.waitReady(), req.timeout(), listener,
                        new BootWatcher.Signals(sshPort, image.facts().map(DistroFacts::guestAgent).orElse(true),
                                image.kernel().isEmpty()), cancel);
                cancel.check(what);
            }
            undo.clear();
            return new Created(hv.get(req.name()), timeline);
        } catch (HyperlabException e) {
            if (e.code() == ErrorCode.TIMEOUT) {
                throw e; // the guest exists and runs; only the wait ran out
            }
            rollback(lock, req.name(), undo, e);
            throw e;
        } catch (IOException | RuntimeException e) {
            rollback(lock, req.name(), undo, e);
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "creating VM " + req.name() + " failed: "
                    + e.getMessage() + "; nothing was left behind", "try 'hyperlab doctor'", e);
        } finally {
            lock.close();
        }
    }

    /**
     * Runs the undo steps under the name's lock: still the create's own before define (so nothing
     * can have replaced the volumes it made), taken again after.
     */
    void rollback(NameLocks.Held lock, String name, Deque<Runnable> undo, Exception cause) {
        if (lock.isHeld()) {
            rollback(undo, cause);
            return;
        }
        try (NameLocks.Held again = locks.acquire(LOCK_KIND, name, LOCK_WAIT)) {
            rollback(undo, cause);
        } catch (HyperlabException e) {
            cause.addSuppressed(e); // busy for minutes: 'hyperlab gc' finds what is left
        }
    }

    /**
     * Fails with "exists already" when anything create would make under {@code name} is there: the
     * domain, or a volume of its name in the pool that some other tool (or an earlier, crashed
     * create: then 'gc' removes it) made. Such a thing is never touched.
     */
    void requireNameFree(String name) {
        if (hv.find(name).isPresent()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "a VM named '" + name + "' exists already",
                    "try another name, or 'hyperlab vm rm " + name + "'");
        }
        for (VolumeRef v : hv.listVolumes(POOL)) {
            if (v.name().equals(name + ".qcow2") || v.name().equals(name + "-seed.iso")) {
                throw new HyperlabException(ErrorCode.CONFLICT, "creating VM " + name + " failed: storage volume "
                        + POOL + "/" + v.name() + " exists already and this create did not make it",
                        "try another name; if it is a leftover of a crashed hyperlab run, 'hyperlab gc' removes it");
            }
        }
    }

    /**
     * The undo of a create after define: removes the domain {@code name} (destroyed first when it
     * runs), its volumes and its console log, only when the domain still carries {@code instanceId}.
     * A domain of that name made since by someone else is left alone. The caller holds the lock.
     */
    void removeIfOurs(String name, String instanceId) {
        Optional<VmInfo> vm = hv.find(name);
        if (vm.isPresent() && vm.get().label().map(l -> l.instanceId().equals(instanceId)).orElse(false)) {
            removeLocked(vm.get(), true);
        }
    }

    private static void rollback(Deque<Runnable> undo, Exception cause) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e); // 'hyperlab gc' finds what could not be removed
            }
        }
    }

    /** Starts a stopped VM; with {@code wait}, follows the console until READY. */
    public BootTimeline start(String name, boolean wait, Duration timeout, long t0, Listener listener) {
        VmInfo vm = hv.get(name);
        if (vm.isRunning()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "VM " + name + " is running already",
                    "try 'hyperlab vm reboot " + name + "'");
        }
        String iid = vm.label().map(HyperlabLabel::instanceId).orElse("");
        String xml = hv.xml(name);
        boolean agent = agentExpected(vm);
        return boot(name, t0, BootTimeline.empty(), iid, wait, timeout, listener,
                new BootWatcher.Signals(dev.hyperlab.core.vm.libvirt.DomainXmlReader.sshPort(xml), agent,
                        !xml.contains("<kernel>")), Cancellation.NONE);
    }

    BootTimeline boot(String name, long t0, BootTimeline before, String instanceId, boolean wait,
                              Duration timeout, Listener listener, BootWatcher.Signals signals, Cancellation cancel) {
        if (wait && instanceId.isEmpty()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "VM " + name + " was not created by hyperlab: there is no "
                    + "readiness marker to wait for", "try 'hyperlab vm start " + name + "' without --wait");
        }
        // Only a wait needs the marker: a domain hyperlab did not make has no instance id to build it from.
        String readyLine = wait ? seeds.readinessLine(instanceId) : "";
        BootWatcher watcher = new BootWatcher(hv, nanoClock);
        BootTimeline[] last = {before};
        try {
            BootTimeline t = watcher.start(name, t0, before, readyLine, wait, timeout,
                    tl -> {
                        last[0] = tl;
                        listener.phase(tl);
                    }, listener::console, signals, Optional.of(consoleLog(name)).filter(p -> Files.isDirectory(p.getParent())),
                    cancel);
            last[0] = t;
            return t;
        } finally {
            try {
                hv.saveTimeline(name, last[0]);
            } catch (HyperlabException ignored) {
                // the domain is gone (rolled back or crashed): nothing to record on
            }
        }
    }

    /**
     * A linked clone of the stopped VM {@code req.source()}: a copy of its overlay (on the same
     * image), a fresh seed (new instance id, so cloud-init gives it its own hostname, SSH host keys
     * and machine id) and the source's definition with a new identity. All or nothing, as create.
     */
    public Created clone(CloneVmRequest req, long t0, Listener listener) {
        return new VmCloner(this, hv, seeds).clone(req, t0, listener);
    }

    /** Changes vCPUs, memory and disk size; returns what changed, one line each. */
    public List<String> resize(String name, VmResize r) {
        return new VmResizer(this, hv).resize(name, r);
    }

    /** The persistent definition, for {@code vm edit}. */
    public String definition(String name) {
        return hv.inactiveXml(name);
    }

    /**
     * Replaces the persistent definition by an edited one, under the name's lock; libvirt checks it
     * against its schema first and keeps the old one when it refuses.
     */
    public void redefine(String name, String xml) {
        try (NameLocks.Held lock = locks.acquire(LOCK_KIND, name, LOCK_WAIT)) {
            hv.redefine(name, xml);
        }
    }

    /**
     * Runs a command in a running VM through qemu-guest-agent, as {@code incus exec} does: no network
     * needed. Waits up to {@code timeout} for the agent (it starts late in a boot) and the command.
     */
    public dev.hyperlab.core.exec.ExecResult exec(String name, List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            throw HyperlabException.badInput("exec needs a command", "try 'hyperlab vm exec " + name + " -- hostname'");
        }
        requireRunning(name, "run a command in");
        return new dev.hyperlab.core.vm.libvirt.QemuAgentExec((json, secs) -> hv.agentCommand(name, json, secs))
                .awaitAgent(timeout).exec(command, timeout);
    }

    /** Whether the image the guest was made from offers the guest agent (true when unknown). */
    boolean agentExpected(VmInfo vm) {
        return vm.label().map(l -> {
            try {
                return images.resolve(l.image()).facts().map(DistroFacts::guestAgent).orElse(true);
            } catch (RuntimeException e) {
                return true; // the image is gone: ask the agent anyway
            }
        }).orElse(true);
    }

    /** ACPI shutdown, then pull the plug after {@code grace}. Returns true when the guest shut down by itself. */
    public boolean stop(String name, Duration grace) {
        VmInfo vm = hv.get(name);
        if (!vm.isRunning()) {
            return true;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (AutoCloseable sub = hv.onLifecycle((LifecycleEvent e) -> {
            if (e.domain().equals(name) && e.type().equals("STOPPED")) {
                stopped.countDown();
            }
        })) {
            hv.shutdown(name);
            boolean clean = stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS)
                    || hv.get(name).state() == GuestState.STOPPED;
            if (!clean) {
                hv.destroy(name);
            }
            return clean;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "stopping " + name + " interrupted", null, e);
        } catch (HyperlabException e) {
            throw e;
        } catch (Exception e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "stopping " + name + " failed: " + e.getMessage(),
                    null, e);
        }
    }

    public void destroy(String name) {
        if (hv.get(name).isRunning()) {
            hv.destroy(name);
        }
    }

    public void reboot(String name) {
        requireRunning(name, "reboot");
        hv.reboot(name);
    }

    /** Removes the domain, its overlay, seed and console log; a running VM only with {@code force}. */
    public void remove(String name, boolean force) {
        try (NameLocks.Held lock = locks.acquire(LOCK_KIND, name, LOCK_WAIT)) {
            removeLocked(hv.get(name), force);
        }
    }

    /** Removes a domain and what its label names; the caller holds the name's lock. */
    private void removeLocked(VmInfo vm, boolean force) {
        String name = vm.name();
        if (vm.isRunning()) {
            if (!force) {
                throw new HyperlabException(ErrorCode.CONFLICT, "VM " + name + " is running",
                        "try 'hyperlab vm stop " + name + "' first, or 'hyperlab vm rm --force " + name + "'");
            }
            hv.destroy(name);
            CrashPoints.reached(Step.VM_RM_DESTROY);
        }
        hv.undefine(name);
        CrashPoints.reached(Step.VM_RM_UNDEFINE);
        // The label names the volumes and the log this domain's create made: those, and only those, go.
        vm.label().ifPresent(l -> {
            hv.deleteVolume(l.pool(), l.overlayVol());
            CrashPoints.reached(Step.VM_RM_OVERLAY);
            if (!l.seedVol().isEmpty()) {
                hv.deleteVolume(l.pool(), l.seedVol());
            }
            if (!l.consoleLog().isEmpty()) {
                deleteQuietly(Path.of(l.consoleLog()));
            }
        });
    }

    /**
     * Removes everything {@link #create} makes for {@code name}, found by the names create gives it
     * (domain, {@code NAME.qcow2}, {@code NAME-seed.iso}, the console log), also when there is no
     * domain (a create that failed half-way or was cancelled before it defined one) and when the
     * domain is running. For guests a program made and owns by name (a comparison's); idempotent.
     */
    public void purge(String name) {
        GuestNames.requireValid(name);
        try (NameLocks.Held lock = locks.acquire(LOCK_KIND, name, LOCK_WAIT)) {
            Optional<VmInfo> vm = hv.find(name);
            if (vm.isPresent()) {
                try {
                    removeLocked(vm.get(), true);
                } catch (HyperlabException e) {
                    if (e.code() != ErrorCode.NOT_FOUND) { // gone in between: fine, the rest still goes
                        throw e;
                    }
                }
            }
            hv.deleteVolume(POOL, name + ".qcow2");
            hv.deleteVolume(POOL, name + "-seed.iso");
            deleteQuietly(consoleLog(name));
        }
    }

    public List<VmInfo> list() { return hv.list(); }

    /** The VMs created from {@code image} (for 'hyperlab image rm', which refuses while one exists). */
    public List<String> guestsUsing(String image) {
        return hv.list().stream().filter(v -> v.label().map(l -> l.image().equals(image)).orElse(false))
                .map(VmInfo::name).toList();
    }

    public VmInfo info(String name) { return hv.get(name); }

    /**
     * The serial console of a running VM, taken over from any other client (as {@code virsh console
     * --force}); closing it leaves the guest running.
     */
    public ConsoleStream console(String name) {
        requireRunning(name, "attach to the console of");
        return hv.openConsole(name);
    }

    /** The serial console log as QEMU wrote it (on this host). */
    public Path log(String name) {
        VmInfo vm = hv.get(name);
        Path p = Path.of(vm.label().map(HyperlabLabel::consoleLog).filter(s -> !s.isEmpty())
                .orElse(consoleLog(name).toString()));
        if (!Files.isReadable(p)) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no console log for " + name + " at " + p,
                    "the log is written once the VM has started; for a remote host use 'hyperlab vm console'");
        }
        return p;
    }

    // --- snapshots

    public void snapshotCreate(String name, String snap, String description) {
        GuestNames.requireValidSnapshot(snap);
        try (NameLocks.Held lock = locks.acquire(LOCK_KIND, name, LOCK_WAIT)) {
            hv.get(name);
            hv.createSnapshot(name, snap, description);
        }
    }

    public List<SnapshotInfo> snapshots(String name) { return hv.listSnapshots(name); }

    public void snapshotRevert(String name, String snap) {
        GuestNames.requireValidSnapshot(snap);
        try (NameLocks.Held lock = locks.acquire(LOCK_KIND, name, LOCK_WAIT)) {
            hv.revertSnapshot(name, snap);
        }
    }

    public void snapshotDelete(String name, String snap) {
        GuestNames.requireValidSnapshot(snap);
        try (NameLocks.Held lock = locks.acquire(LOCK_KIND, name, LOCK_WAIT)) {
            hv.deleteSnapshot(name, snap);
        }
    }

    // --- garbage collection

    /** A leftover found by {@link #gc}: what it is and whether it was removed. */
    public record Leftover(String kind, String name, String reason, boolean removed) {}

    /**
     * Finds what a crashed run left: volumes in the hyperlab pool and console logs that no
     * labelled domain owns, and lock files no process holds. Removes them unless {@code dryRun}.
     * Domains themselves are only reported (a user may want to keep one), except labelled stopped
     * domains whose overlay is gone.
     *
     * <p>Each leftover is looked at again, and removed, under its guest name's lock; a name whose lock
     * another operation holds (a create between its first volume and its define) is skipped, so a
     * 'gc' racing a create never takes the create's volumes.
     */
    public List<Leftover> gc(boolean dryRun) {
        return gc(dryRun, "");
    }

    /** As above, only for guest names that start with {@code prefix} (a lab's, a test's). */
    public List<Leftover> gc(boolean dryRun, String prefix) {
        List<VmInfo> vms = hv.list().stream().filter(v -> v.name().startsWith(prefix)).toList();
        Set<String> ownedVols = new HashSet<>();
        Set<String> ownedLogs = new HashSet<>();
        List<Leftover> out = new ArrayList<>();
        Set<String> vols = new java.util.TreeSet<>();
        for (VolumeRef v : hv.listVolumes(POOL)) {
            if (v.name().startsWith(prefix)) {
                vols.add(v.name());
            }
        }
        dev.hyperlab.core.template.TemplateStore templates = templateStore();
        for (dev.hyperlab.core.template.TemplateStore.Entry e : templates.all()) {
            e.record().ifPresent(r -> {
                ownedVols.add(r.diskVol());
                ownedVols.add(r.stateVol());
            });
        }
        for (VmInfo vm : vms) {
            if (vm.label().isEmpty()) {
                continue;
            }
            HyperlabLabel l = vm.label().get();
            String template = dev.hyperlab.core.template.TemplateNames.isReserved(vm.name())
                    ? dev.hyperlab.core.template.TemplateNames.templateOf(vm.name()) : null;
            if (template != null && !templates.exists(template)) {
                // A template's VM without a record: its 'template create' was killed (a running one holds the lock).
                withIdleLock(VmTemplates.LOCK_KIND, template, () -> {
                    if (!dryRun) {
                        hv.find(vm.name()).ifPresent(now -> removeLocked(now, true));
                        hv.deleteVolume(POOL, dev.hyperlab.core.template.TemplateNames.stateVol(template));
                    }
                    out.add(new Leftover("domain", vm.name(), "its 'vm template create " + template + "' was interrupted",
                            !dryRun));
                });
                continue;
            }
            ownedVols.add(l.overlayVol());
            ownedVols.add(l.seedVol());
            ownedLogs.add(l.consoleLog());
            if (POOL.equals(l.pool()) && !vols.contains(l.overlayVol()) && !vm.isRunning()) {
                withIdleLock(vm.name(), () -> {
                    Optional<VmInfo> now = hv.find(vm.name());
                    boolean broken = now.isPresent() && !now.get().isRunning()
                            && now.get().label().map(HyperlabLabel::instanceId).equals(Optional.of(l.instanceId()))
                            && hv.listVolumes(POOL).stream().noneMatch(v -> v.name().equals(l.overlayVol()));
                    if (broken) {
                        if (!dryRun) {
                            hv.undefine(vm.name());
                            hv.deleteVolume(POOL, l.seedVol());
                        }
                        out.add(new Leftover("domain", vm.name(), "its overlay " + l.overlayVol() + " is gone", !dryRun));
                    }
                });
            }
        }
        for (String v : vols) {
            String template = dev.hyperlab.core.template.TemplateNames.templateOf(v);
            if (!ownedVols.contains(v) && template != null) {
                // a template being made owns its volumes under the template's lock, before its record exists
                withIdleLock(VmTemplates.LOCK_KIND, template, () -> {
                    if (!templates.exists(template) && hv.find(dev.hyperlab.core.template.TemplateNames.domain(template)).isEmpty()) {
                        if (!dryRun) {
                            hv.deleteVolume(POOL, v);
                        }
                        out.add(new Leftover("volume", POOL + "/" + v, "no template record or template VM owns it", !dryRun));
                    }
                });
                continue;
            }
            if (!ownedVols.contains(v)) {
                String guest = guestOf(v, ".qcow2", "-seed.iso");
                withIdleLock(guest, () -> {
                    if (!ownedBy(guest, l -> l.overlayVol().equals(v) || l.seedVol().equals(v))) {
                        if (!dryRun) {
                            hv.deleteVolume(POOL, v);
                        }
                        out.add(new Leftover("volume", POOL + "/" + v, "no hyperlab VM uses it", !dryRun));
                    }
                });
            }
        }
        Path logs = dataDir.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var s = Files.list(logs)) {
                for (Path p : s.sorted().toList()) {
                    String file = p.getFileName().toString();
                    if (file.endsWith("-console.log") && file.startsWith(prefix) && !ownedLogs.contains(p.toString())) {
                        String guest = guestOf(p.getFileName().toString(), "-console.log");
                        withIdleLock(guest, () -> {
                            if (!ownedBy(guest, l -> l.consoleLog().equals(p.toString()))) {
                                if (!dryRun) {
                                    deleteQuietly(p);
                                }
                                out.add(new Leftover("log", p.toString(), "no hyperlab VM writes it", !dryRun));
                            }
                        });
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (NameLocks.Stale st : NameLocks.removeStale(LabDirs.locksDir(dataDir), prefix, dryRun)) {
            out.add(new Leftover("lock", st.file().toString(), "no running operation holds it", st.removed()));
        }
        return out;
    }

    /** Runs {@code action} under the lock of {@code guest}, or not at all when another operation holds it. */
    private void withIdleLock(String guest, Runnable action) {
        withIdleLock(LOCK_KIND, guest, action);
    }

    private void withIdleLock(String kind, String guest, Runnable action) {
        if (!guest.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
            action.run(); // no hyperlab create makes such a name: nothing to race with
            return;
        }
        Optional<NameLocks.Held> lock = locks.tryAcquire(kind, guest);
        if (lock.isEmpty()) {
            return; // busy: a create or remove of this name is under way
        }
        try (NameLocks.Held held = lock.get()) {
            action.run();
        }
    }

    /** Whether the domain {@code name}, as libvirt has it now, carries a label that {@code owns}. */
    private boolean ownedBy(String name, java.util.function.Predicate<HyperlabLabel> owns) {
        return hv.find(name).flatMap(VmInfo::label).map(owns::test).orElse(false);
    }

    /** The guest name a file of {@code create} is named after ("web.qcow2" is web's). */
    private static String guestOf(String file, String... suffixes) {
        for (String suffix : suffixes) {
            if (file.endsWith(suffix)) {
                return file.substring(0, file.length() - suffix.length());
            }
        }
        return file;
    }

    @Override public void close() { hv.close(); }

    // --- helpers

    private void requireRunning(String name, String what) {
        if (!hv.get(name).isRunning()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "cannot " + what + " VM " + name + ": it is not running",
                    "try 'hyperlab vm start " + name + "'");
        }
    }

    /**
     * The boot timeline is read from the serial console, so the kernel and init must say
     * something there: {@code quiet} would hide the kernel's first line and systemd's start.
     */
    static String observableCmdline(String cmdline) {
        return cmdline.replaceAll("(^|\\s)quiet(?=\\s|$)", " ").trim().replaceAll("\\s+", " ");
    }

    /** A free port on 127.0.0.1 for the guest's SSH (QEMU binds it when the guest starts). */
    static int freeLoopbackPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Duration elapsed(long t0) { return Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - t0)); }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover file is found by 'hyperlab gc'
        }
    }
}
