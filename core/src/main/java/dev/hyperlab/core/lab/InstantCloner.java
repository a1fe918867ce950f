package dev.hyperlab.core.lab;

import dev.hyperlab.cloudinit.model.InstanceId;
import dev.hyperlab.cloudinit.model.ReadinessMarker;
import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.ReadySignal;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.template.GuestIdentity;
import dev.hyperlab.core.template.TemplateNames;
import dev.hyperlab.core.template.TemplateRecord;
import dev.hyperlab.core.template.TemplateStore;
import dev.hyperlab.core.vm.DomainClone;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VolumeRef;
import dev.hyperlab.core.vm.libvirt.QemuAgentExec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vm create NAME --from-template T}: the template's state overlay copied (the clone's disk
 * is then an overlay on the template's frozen disk, holding the saved state), a seed, the
 * template's definition with the clone's identity, the saved state restored and resumed, and the
 * guest given its own hostname, machine id, SSH host keys and login through the guest agent.
 *
 * <p>The seed keeps the template's cloud-init instance id: cloud-init then takes the clone's later
 * cold boots (after {@code vm stop}/{@code vm start}) for the instance it already set up, and does
 * not make new SSH host keys under a user who already trusts the ones the identity step made. Its
 * user-data is the clone's, so what it says is what the identity step applied.
 */
final class InstantCloner {
    private static final Pattern SOURCE_FILE = Pattern.compile("<source file='([^']+)'");

    private final VmService vms;
    private final Hypervisor hv;
    private final ImageResolver images;
    private final SeedMaker seeds;
    private final TemplateStore store;
    private final LongSupplier nanoClock;

    InstantCloner(VmService vms, Hypervisor hv, ImageResolver images, SeedMaker seeds, TemplateStore store,
                  LongSupplier nanoClock) {
        this.vms = vms;
        this.hv = hv;
        this.images = images;
        this.seeds = seeds;
        this.store = store;
        this.nanoClock = nanoClock;
    }

    /** What a clone of {@code req} would be made from, checked whole; writes nothing. */
    record Checked(TemplateRecord template, GuestSeed seed, List<String> keys, List<String> warnings) {}

    Checked check(InstantCloneRequest req) {
        GuestNames.requireValid(req.name());
        if (TemplateNames.isReserved(req.name())) {
            throw HyperlabException.badInput("bad VM name '" + req.name() + "': names starting with "
                    + TemplateNames.PREFIX + " are the templates'", "try another name");
        }
        VmTemplates.requireValidName(req.template());
        req.user().ifPresent(GuestNames::requireValidUser);
        req.hostname().ifPresent(GuestNames::requireValid);
        if (req.cloudConfig().isPresent()) {
            throw HyperlabException.badInput("--cloud-config cannot be used with --from-template: "
                    + GuestIdentity.notApplied(), "try a cold 'hyperlab vm create' with --image, or --runcmd for commands");
        }
        if (req.network() instanceof NetworkSpec.LabNics l && l.nics().size() > 1) {
            throw HyperlabException.badInput("a clone joins one network, not " + l.nics().size() + " ("
                    + req.network().describe() + "): its template's saved state holds one NIC",
                    "try one network for it, or a cold VM");
        }
        if (req.timeout().isNegative() || req.timeout().isZero()) {
            throw HyperlabException.badInput("bad timeout " + req.timeout(), "try --timeout 120");
        }
        if (req.network() instanceof NetworkSpec.Named n) {
            HostChecks.network(n.network(), hv.networkNames());
        }
        TemplateRecord t = store.require(req.template());
        req.cpus().filter(c -> c != t.cpus()).ifPresent(c -> {
            throw HyperlabException.badInput("--cpus " + c + " differs from template " + t.name() + "'s " + t.cpus()
                    + ": a clone wakes up with the CPUs its template's saved state holds",
                    "drop --cpus, or make a template with --cpus " + c);
        });
        req.memoryBytes().filter(m -> m != t.memoryBytes()).ifPresent(m -> {
            throw HyperlabException.badInput("--memory " + Sizes.human(m) + " differs from template " + t.name() + "'s "
                    + Sizes.human(t.memoryBytes()) + ": a clone wakes up with its template's memory",
                    "drop --memory, or 'hyperlab vm resize' the clone after it is made (the next cold boot takes it)");
        });
        req.diskBytes().filter(d -> d != t.diskBytes()).ifPresent(d -> {
            throw HyperlabException.badInput("--disk " + Sizes.human(d) + " differs from template " + t.name() + "'s "
                    + Sizes.human(t.diskBytes()) + ": a clone wakes up with its template's disk",
                    "drop --disk, then 'hyperlab vm resize " + req.name() + " --disk " + Sizes.compact(d) + "' after a stop");
        });
        String hostType = vms.defaultType() == DomainType.KVM ? "kvm" : "qemu";
        if (!t.domainType().isEmpty() && !t.domainType().equals(hostType)) {
            throw new HyperlabException(ErrorCode.CONFLICT, "template " + t.name() + " was made under "
                    + accel(t.domainType()) + " and this host runs " + accel(hostType)
                    + ": a saved state restores only under the accelerator it was made with",
                    "try 'hyperlab vm template rm " + t.name() + "' and create it again on this host");
        }
        try {
            images.resolve(t.image());
        } catch (HyperlabException e) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "template " + t.name() + "'s image " + t.image()
                    + " is gone: " + e.getMessage(), "try 'hyperlab vm template rm " + t.name() + "', then build or pull "
                    + t.image() + " and make the template again");
        }
        Map<String, VolumeRef> vols = new LinkedHashMap<>();
        hv.listVolumes(t.pool()).forEach(v -> vols.put(v.name(), v));
        String problem = VmTemplates.problem(t, vols);
        if (!problem.isEmpty()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "template " + t.name() + " cannot be cloned: " + problem,
                    "try 'hyperlab vm template rm " + t.name() + "' and create it again");
        }
        List<String> keys = SshKeyFiles.read(req.sshKeyFiles());
        GuestSeed seed = new GuestSeed(t.seedInstanceId(), req.hostname().orElse(req.name()), req.user(), keys,
                Optional.empty(), req.runcmd(), true);
        seeds.validate(seed);
        vms.host().requireNameFree(req.name());
        List<String> warnings = new java.util.ArrayList<>();
        if (req.network() instanceof NetworkSpec.None) {
            warnings.add("a clone keeps its template's NIC: --network none gives it the restricted user-mode NIC"
                    + " without an SSH forward");
        }
        return new Checked(t, seed, keys, List.copyOf(warnings));
    }

    VmService.Created create(InstantCloneRequest req, long t0, VmService.Listener listener, Cancellation cancel) {
        String what = "creating VM " + req.name() + " from template " + req.template();
        Checked checked = check(req);
        checked.warnings().forEach(listener::warning);
        TemplateRecord t = checked.template();
        String pool = t.pool();
        String overlayVol = req.name() + ".qcow2";
        String seedVol = req.name() + "-seed.iso";
        Path log = vms.host().consoleLog(req.name());
        String instanceId = InstanceId.newFor(req.name());
        boolean restricted = !(req.network() instanceof NetworkSpec.UserNat);
        Optional<NetworkSpec.LabNic> nic = networkNic(req.network());
        int port = req.network() instanceof NetworkSpec.None || nic.isPresent() ? 0
                : req.network().sshHostPort() > 0 ? req.network().sshHostPort() : VmHost.freeLoopbackPort();
        // made on the host while the state is copied and restored: they are needed only at the identity step
        var hostKeys = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> dev.hyperlab.core.template.SshHostKeys.make("root@" + req.hostname().orElse(req.name())));
        Deque<Runnable> undo = new ArrayDeque<>();
        NameLocks.Held lock = vms.locks().acquire(VmService.LOCK_KIND, req.name(), VmService.LOCK_WAIT);
        NameLocks.Held templateLock;
        try {
            // The template's lock too, shared: clones of one template are made side by side, as they only
            // read it. Its make, its removal and gc take it exclusively, so a clone does not start while
            // the template is made or removed, and a removal waits for the clones being made.
            templateLock = vms.locks().acquireShared(VmTemplates.LOCK_KIND, t.name(), VmService.LOCK_WAIT);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            vms.host().requireNameFree(req.name()); // again, now that no other create of this name can run
            // check() read the record before the lock: the template may have been removed (or removed and
            // made again) since, and a clone must restore the state of the disk its record names.
            if (!store.require(t.name()).equals(t)) {
                throw new HyperlabException(ErrorCode.CONFLICT, "template " + t.name() + " was made again while "
                        + req.name() + " was being checked", "try again");
            }
            cancel.check(what);
            listener.step("copying template " + t.name() + "'s saved state (" + Sizes.human(t.stateBytes()) + ")");
            VolumeRef overlay = hv.copyVolume(pool, t.stateVol(), overlayVol);
            undo.push(() -> hv.deleteVolume(pool, overlayVol));
            CrashPoints.reached(Step.VM_INSTANT_OVERLAY);
            cancel.check(what);
            listener.step("writing cloud-init seed");
            VolumeRef seedRef = VmCloner.uploadSeed(hv, seeds, checked.seed(), pool, seedVol);
            undo.push(() -> hv.deleteVolume(pool, seedVol));
            CrashPoints.reached(Step.VM_INSTANT_SEED);
            cancel.check(what);
            Files.createDirectories(log.getParent());
            HyperlabLabel label = new HyperlabLabel(t.image(), Instant.now(), instanceId, pool, overlayVol, seedVol,
                    log.toString());
            listener.step("defining domain " + req.name() + " from template " + t.name() + "'s definition");
            hv.defineCloneOf(t.domainXml(), new DomainClone(req.name(), diskMap(t, overlay, seedRef), log.toString(), label,
                    port, Optional.of(restricted), nic));
            undo.clear();
            undo.push(() -> vms.lifecycle().removeIfOurs(req.name(), instanceId));
            CrashPoints.reached(Step.VM_INSTANT_DEFINE);
            BootTimeline timeline = BootTimeline.empty().reached(Phase.CREATED, vms.host().elapsed(t0));
            hv.saveTimeline(req.name(), timeline);
            listener.phase(timeline);
            cancel.check(what);
            listener.step("restoring template " + t.name() + "'s saved state");
            hv.restoreTemplateState(req.name(), t.snapshotXml());
            hv.resume(req.name());
            timeline = timeline.reached(Phase.RESTORED, vms.host().elapsed(t0));
            listener.phase(timeline);
            timeline = applyIdentity(req, t, checked, instanceId, nic, t0, timeline, listener, hostKeys);
            templateLock.close();
            lock.close();
            if (port > 0) {
                // sshd ran all along; the banner through the clone's own forward shows its NIC works
                if (SshBanner.await(port, nanoClock.getAsLong() + Duration.ofSeconds(10).toNanos(), nanoClock)) {
                    timeline = timeline.reached(Phase.SSH, vms.host().elapsed(t0));
                    listener.phase(timeline);
                }
            }
            hv.saveTimeline(req.name(), timeline);
            // The saved state is in the clone's disk only to be restored once: its snapshot record goes,
            // so the clone's own snapshot list starts empty, as a cold VM's does.
            hv.deleteSnapshot(req.name(), TemplateNames.SNAPSHOT);
            undo.clear();
            return new VmService.Created(hv.get(req.name()), timeline);
        } catch (HyperlabException e) {
            vms.creator().rollback(lock, req.name(), undo, e);
            throw e;
        } catch (IOException | RuntimeException e) {
            vms.creator().rollback(lock, req.name(), undo, e);
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, what + " failed: " + e.getMessage()
                    + "; nothing was left behind", "try 'hyperlab doctor'", e);
        } finally {
            templateLock.close();
            lock.close();
        }
    }

    /**
     * The clock (the script's first line), hostname, machine id, host keys, login and runcmd, then the
     * readiness marker: READY on its return.
     */
    private BootTimeline applyIdentity(InstantCloneRequest req, TemplateRecord t, Checked checked, String instanceId,
                                       Optional<NetworkSpec.LabNic> nic, long t0, BootTimeline timeline, VmService.Listener listener,
                                       java.util.concurrent.CompletableFuture<Optional<Map<String, String>>> hostKeys) {
        QemuAgentExec agent = new QemuAgentExec((json, secs) -> hv.agentCommand(req.name(), json, secs))
                .awaitAgent(Duration.ofSeconds(30), Duration.ofMillis(50));
        GuestIdentity identity = new GuestIdentity(req.hostname().orElse(req.name()), req.user(), checked.keys(),
                req.runcmd(), t.loginUser(), ReadinessMarker.builtinCommand(instanceId), hostKeys.join().orElse(Map.of()),
                GuestIdentity.newMachineId(), nic.map(n -> new dev.hyperlab.core.template.CloneNic(n.mac())));
        listener.step("applying " + req.name() + "'s identity through the guest agent");
        // The guest's clock stopped when the template was frozen: the script sets it first, before
        // anything (SSH host keys, logs, TLS) looks at the time.
        String script = GuestIdentity.clockLine(Instant.now()) + identity.script();
        ExecResult r = agent.exec(List.of("/bin/sh", "-c", script), req.timeout());
        if (!r.ok()) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "applying the identity of " + req.name()
                    + " failed (exit " + r.exitCode() + "): " + lastLine(r.stderr()),
                    "try 'hyperlab vm console " + req.name() + "'; the template's image may lack a tool");
        }
        // The identity part runs under set -e before the user's commands; the marker is the script's last word.
        timeline = timeline.reached(Phase.IDENTITY, vms.host().elapsed(t0)).ready(ReadySignal.CLONE_IDENTITY, vms.host().elapsed(t0));
        listener.phase(timeline);
        return timeline;
    }

    /**
     * The libvirt network the clone's NIC moves to, with its MAC: a lab's NIC has the MAC the lab's
     * DHCP reservation names; on a named network the clone gets a random one, as libvirt would give
     * (made here because the identity step must set it in the guest).
     */
    static Optional<NetworkSpec.LabNic> networkNic(NetworkSpec n) {
        if (n instanceof NetworkSpec.LabNics l) {
            return Optional.of(l.nics().get(0));
        }
        if (n instanceof NetworkSpec.Named named) {
            java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
            return Optional.of(new NetworkSpec.LabNic(named.network(),
                    String.format("52:54:00:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256))));
        }
        return Optional.empty();
    }

    /** The template's disks to the clone's: its state overlay to the copy, its seed to the clone's seed. */
    private static Map<String, String> diskMap(TemplateRecord t, VolumeRef overlay, VolumeRef seed) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher sm = SOURCE_FILE.matcher(t.domainXml());
        while (sm.find()) {
            String path = sm.group(1);
            if (path.endsWith("/" + t.stateVol())) {
                m.put(path, overlay.path());
            } else if (path.endsWith("-seed.iso")) {
                m.put(path, seed.path());
            }
        }
        return m;
    }

    private static String accel(String domainType) { return domainType.equals("kvm") ? "KVM" : "TCG"; }

    private static String lastLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.lastIndexOf('\n');
        return t.isEmpty() ? "no error output" : nl < 0 ? t : t.substring(nl + 1);
    }
}
