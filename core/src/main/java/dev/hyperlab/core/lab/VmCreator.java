package dev.hyperlab.core.lab;

import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.Firmware;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.OvmfLocator;
import dev.hyperlab.core.vm.SeedBus;
import dev.hyperlab.core.vm.VolumeRef;
import dev.hyperlab.images.catalog.DistroFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code vm create}: the request checked whole before anything is written, then overlay, seed and
 * domain made all or nothing (each undo step pushed only once its action succeeded), and the first
 * boot followed through {@link VmLifecycle#boot}. Clones and instant clones undo through
 * {@link #rollback} as well.
 */
final class VmCreator {
    private final VmHost host;
    private final Hypervisor hv;
    private final ImageResolver images;
    private final SeedMaker seeds;
    private final Supplier<DomainType> defaultType;
    private final OvmfLocator ovmf;
    private final VmLifecycle lifecycle;

    VmCreator(VmHost host, ImageResolver images, SeedMaker seeds, Supplier<DomainType> defaultType, OvmfLocator ovmf,
              VmLifecycle lifecycle) {
        this.host = host;
        this.hv = host.hv();
        this.images = images;
        this.seeds = seeds;
        this.defaultType = defaultType;
        this.ovmf = ovmf;
        this.lifecycle = lifecycle;
    }

    /**
     * Checks everything {@link #create} would check (input, cloud-config, name not taken, image,
     * disk size) and writes nothing. Lets a caller that makes several guests at once (the TUI's
     * "both") refuse bad input before any of them exists.
     */
    List<String> check(CreateVmRequest req) {
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
        host.requireNameFree(req.name());
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
     * {@code cancel} is checked between the steps and polled while the boot is
     * awaited, and when it is cancelled everything made so far (volumes, seed, log, the domain, destroyed
     * first when it runs) is removed here, on the creating thread, before {@link ErrorCode#CANCELLED} is
     * thrown. So a cancel takes effect within one libvirt call whether the domain exists yet or not.
     */
    VmService.Created create(CreateVmRequest req, long t0, VmService.Listener listener, Cancellation cancel) {
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
            network = network.withSshHostPort(VmHost.freeLoopbackPort());
        }
        // A forwarded port listens on the libvirt host's loopback: this machine reaches it only when that is here.
        Optional<Integer> sshPort = network.userMode() && host.loopbackReachable()
                ? Optional.of(network.sshHostPort()) : Optional.empty();

        // --- from here on, everything made is undone if a later step fails. An undo step is pushed
        // only once its action succeeded, so a step that failed because the thing exists already
        // never removes that thing; until define the name lock proves the volumes are this create's.
        Deque<Runnable> undo = new ArrayDeque<>();
        String overlayVol = req.name() + ".qcow2";
        String seedVol = req.name() + "-seed.iso";
        Path log = host.consoleLog(req.name());
        NameLocks.Held lock = host.lock(req.name());
        try {
            BootTimeline timeline;
            CrashPoints.reached(Step.VM_CREATE_LOCKED);
            cancel.check(what);
            listener.step("preparing storage pool " + VmService.POOL);
            hv.ensurePool(VmService.POOL, host.poolDir().toString());
            host.requireNameFree(req.name()); // again, now that no other create of this name can run
            cancel.check(what);
            if (host.remote()) {
                image = HostImages.onHost(hv, image, listener::step);
                cancel.check(what);
            }
            listener.step("creating overlay on " + image.name());
            VolumeRef overlay = hv.createOverlay(VmService.POOL, overlayVol, image.qcow2().toString(), capacity);
            undo.push(() -> hv.deleteVolume(VmService.POOL, overlayVol));
            CrashPoints.reached(Step.VM_CREATE_OVERLAY);
            cancel.check(what);
            listener.step("writing cloud-init seed");
            Path tmp = Files.createTempDirectory("hyperlab-seed-");
            VolumeRef seedRef;
            try {
                Path iso = tmp.resolve("seed.iso");
                seeds.write(seed, iso);
                seedRef = hv.uploadVolume(VmService.POOL, seedVol, iso);
                undo.push(() -> hv.deleteVolume(VmService.POOL, seedVol));
            } finally {
                VmHost.deleteQuietly(tmp.resolve("seed.iso"));
                VmHost.deleteQuietly(tmp);
            }
            CrashPoints.reached(Step.VM_CREATE_SEED);
            cancel.check(what);
            String logPath = host.remote() ? "" : log.toString();
            if (!host.remote()) {
                Files.createDirectories(log.getParent());
            }
            HyperlabLabel label = new HyperlabLabel(image.name(), Instant.now(), instanceId, VmService.POOL, overlayVol, seedVol,
                    logPath);
            DomainSpec spec = new DomainSpec(req.name(), type, req.cpus(), req.memoryBytes(), overlay.path(),
                    Optional.of(seedRef.path()), image.kernel().map(Path::toString),
                    image.kernel().isPresent() ? image.initrd().map(Path::toString) : Optional.empty(),
                    image.kernel().isPresent() ? image.cmdline().map(VmCreator::observableCmdline) : Optional.empty(),
                    network, logPath, label, req.diskCache(), checked.firmware(),
                    image.facts().filter(DistroFacts::seedOnCdrom).isPresent() ? SeedBus.SATA_CDROM : SeedBus.VIRTIO_DISK,
                    req.memoryFile());
            listener.step("defining domain (" + type.xmlName() + ", " + checked.firmware().label() + ", "
                    + checked.firmware().machine() + ")");
            hv.define(spec);
            // From here the domain's label owns the volumes and the log: one undo removes them all,
            // and only while a domain of this name still carries this create's instance id.
            undo.clear();
            undo.push(() -> lifecycle.removeIfOurs(req.name(), instanceId));
            CrashPoints.reached(Step.VM_CREATE_DEFINE);
            cancel.check(what);
            timeline = BootTimeline.empty().reached(Phase.CREATED, host.elapsed(t0));
            hv.saveTimeline(req.name(), timeline);
            lock.close(); // the domain is defined: others may now see it (and wait no longer); a boot takes minutes
            listener.phase(timeline);
            if (req.start()) {
                listener.step("starting");
                timeline = lifecycle.boot(req.name(), t0, timeline, instanceId, req.waitReady(), req.timeout(), listener,
                        new BootWatcher.Signals(sshPort, image.facts().map(DistroFacts::guestAgent).orElse(true),
                                image.kernel().isEmpty()), cancel);
                cancel.check(what);
            }
            undo.clear();
            return new VmService.Created(hv.get(req.name()), timeline);
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
        try (NameLocks.Held again = host.lock(name)) {
            rollback(undo, cause);
        } catch (HyperlabException e) {
            cause.addSuppressed(e); // busy for minutes: 'hyperlab gc' finds what is left
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

    /**
     * The boot timeline is read from the serial console, so the kernel and init must say
     * something there: {@code quiet} would hide the kernel's first line and systemd's start.
     */
    static String observableCmdline(String cmdline) {
        return cmdline.replaceAll("(^|\\s)quiet(?=\\s|$)", " ").trim().replaceAll("\\s+", " ");
    }
}
