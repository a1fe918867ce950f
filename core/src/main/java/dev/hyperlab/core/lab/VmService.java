package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.Sizes;
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

    private final Hypervisor hv;
    private final ImageResolver images;
    private final SeedMaker seeds;
    private final Path dataDir;
    private final LongSupplier nanoClock;
    private final java.util.function.Supplier<DomainType> defaultType;
    private final OvmfLocator ovmf;

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
    }

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
        if (hv.find(req.name()).isPresent()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "a VM named '" + req.name() + "' exists already",
                    "try another name, or 'hyperlab vm rm " + req.name() + "'");
        }
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
        if (network instanceof dev.hyperlab.core.vm.NetworkSpec.UserRestricted u && u.sshHostPort() == 0) {
            network = new dev.hyperlab.core.vm.NetworkSpec.UserRestricted(freeLoopbackPort());
        }
        Optional<Integer> sshPort = network instanceof dev.hyperlab.core.vm.NetworkSpec.UserRestricted u
                ? Optional.of(u.sshHostPort()) : Optional.empty();

        // --- from here on, everything made is undone if a later step fails
        Deque<Runnable> undo = new ArrayDeque<>();
        String overlayVol = req.name() + ".qcow2";
        String seedVol = req.name() + "-seed.iso";
        Path log = consoleLog(req.name());
        try {
            cancel.check(what);
            listener.step("preparing storage pool " + POOL);
            hv.ensurePool(POOL, poolDir().toString());
            cancel.check(what);
            listener.step("creating overlay on " + image.name());
            undo.push(() -> hv.deleteVolume(POOL, overlayVol));
            VolumeRef overlay = hv.createOverlay(POOL, overlayVol, image.qcow2().toString(), capacity);
            cancel.check(what);
            listener.step("writing cloud-init seed");
            Path tmp = Files.createTempDirectory("hyperlab-seed-");
            VolumeRef seedRef;
            try {
                Path iso = tmp.resolve("seed.iso");
                seeds.write(seed, iso);
                undo.push(() -> hv.deleteVolume(POOL, seedVol));
                seedRef = hv.uploadVolume(POOL, seedVol, iso);
            } finally {
                deleteQuietly(tmp.resolve("seed.iso"));
                deleteQuietly(tmp);
            }
            cancel.check(what);
            Files.createDirectories(log.getParent());
            undo.push(() -> deleteQuietly(log));
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
            undo.push(() -> hv.undefine(req.name()));
            hv.define(spec);
            cancel.check(what);
            BootTimeline timeline = BootTimeline.empty().reached(Phase.CREATED, elapsed(t0));
            hv.saveTimeline(req.name(), timeline);
            listener.phase(timeline);
            if (req.start()) {
                undo.push(() -> {
                    if (hv.find(req.name()).map(VmInfo::isRunning).orElse(false)) {
                        hv.destroy(req.name());
                    }
                });
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
            rollback(undo, e);
            throw e;
        } catch (IOException | RuntimeException e) {
            rollback(undo, e);
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "creating VM " + req.name() + " failed: "
                    + e.getMessage() + "; nothing was left behind", "try 'hyperlab doctor'", e);
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
        boolean agent = vm.label().map(l -> {
            try {
                return images.resolve(l.image()).facts().map(DistroFacts::guestAgent).orElse(true);
            } catch (RuntimeException e) {
                return true; // the image is gone: ask the agent anyway
            }
        }).orElse(true);
        return boot(name, t0, BootTimeline.empty(), iid, wait, timeout, listener,
                new BootWatcher.Signals(dev.hyperlab.core.vm.libvirt.DomainXmlReader.sshPort(xml), agent,
                        !xml.contains("<kernel>")), Cancellation.NONE);
    }

    private BootTimeline boot(String name, long t0, BootTimeline before, String instanceId, boolean wait,
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
        VmInfo vm = hv.get(name);
        if (vm.isRunning()) {
            if (!force) {
                throw new HyperlabException(ErrorCode.CONFLICT, "VM " + name + " is running",
                        "try 'hyperlab vm stop " + name + "' first, or 'hyperlab vm rm --force " + name + "'");
            }
            hv.destroy(name);
        }
        hv.undefine(name);
        vm.label().ifPresent(l -> {
            hv.deleteVolume(l.pool(), l.overlayVol());
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
        if (hv.find(name).isPresent()) {
            try {
                remove(name, true);
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
        hv.get(name);
        hv.createSnapshot(name, snap, description);
    }

    public List<SnapshotInfo> snapshots(String name) { return hv.listSnapshots(name); }

    public void snapshotRevert(String name, String snap) {
        GuestNames.requireValidSnapshot(snap);
        hv.revertSnapshot(name, snap);
    }

    public void snapshotDelete(String name, String snap) {
        GuestNames.requireValidSnapshot(snap);
        hv.deleteSnapshot(name, snap);
    }

    // --- garbage collection

    /** A leftover found by {@link #gc}: what it is and whether it was removed. */
    public record Leftover(String kind, String name, String reason, boolean removed) {}

    /**
     * Finds what a crashed run left: volumes in the hyperlab pool and console logs that no
     * labelled domain owns. Removes them unless {@code dryRun}. Domains themselves are only
     * reported (a user may want to keep one), except labelled stopped domains whose overlay is gone.
     */
    public List<Leftover> gc(boolean dryRun) {
        List<VmInfo> vms = hv.list();
        Set<String> ownedVols = new HashSet<>();
        Set<String> ownedLogs = new HashSet<>();
        List<Leftover> out = new ArrayList<>();
        Set<String> vols = new HashSet<>();
        for (VolumeRef v : hv.listVolumes(POOL)) {
            vols.add(v.name());
        }
        for (VmInfo vm : vms) {
            if (vm.label().isEmpty()) {
                continue;
            }
            HyperlabLabel l = vm.label().get();
            ownedVols.add(l.overlayVol());
            ownedVols.add(l.seedVol());
            ownedLogs.add(l.consoleLog());
            if (POOL.equals(l.pool()) && !vols.contains(l.overlayVol()) && !vm.isRunning()) {
                if (!dryRun) {
                    hv.undefine(vm.name());
                    hv.deleteVolume(POOL, l.seedVol());
                }
                out.add(new Leftover("domain", vm.name(), "its overlay " + l.overlayVol() + " is gone", !dryRun));
            }
        }
        for (String v : vols) {
            if (!ownedVols.contains(v)) {
                if (!dryRun) {
                    hv.deleteVolume(POOL, v);
                }
                out.add(new Leftover("volume", POOL + "/" + v, "no hyperlab VM uses it", !dryRun));
            }
        }
        Path logs = dataDir.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var s = Files.list(logs)) {
                for (Path p : s.toList()) {
                    if (p.getFileName().toString().endsWith("-console.log") && !ownedLogs.contains(p.toString())) {
                        if (!dryRun) {
                            deleteQuietly(p);
                        }
                        out.add(new Leftover("log", p.toString(), "no hyperlab VM writes it", !dryRun));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
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
    private static int freeLoopbackPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Duration elapsed(long t0) { return Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - t0)); }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover file is found by 'hyperlab gc'
        }
    }
}
