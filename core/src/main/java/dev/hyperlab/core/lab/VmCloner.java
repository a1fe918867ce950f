package dev.hyperlab.core.lab;

import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.DomainClone;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import dev.hyperlab.core.vm.libvirt.DomainXmlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vm clone}: the source's overlay copied (its backing image shared, so the copy is as small
 * as the source's own changes), a new seed and the source's definition with a new identity.
 *
 * <p>Why a new seed gives a new identity: cloud-init runs its per-instance steps again when the
 * instance id changes, so the clone gets its own hostname, SSH host keys and users; the machine id,
 * which cloud-init leaves alone and which systemd-networkd derives its DHCP client id from, is made
 * afresh by a first-boot command. Only a stopped source is cloned: a running one's disk is being
 * written, and a copy of it would be torn.
 */
final class VmCloner {
    /** Makes /etc/machine-id new: two clones with one id get one DHCP lease on a shared network. */
    static final String NEW_MACHINE_ID = "rm -f /etc/machine-id /var/lib/dbus/machine-id && systemd-machine-id-setup";

    private final VmService vms;
    private final Hypervisor hv;
    private final SeedMaker seeds;

    VmCloner(VmService vms, Hypervisor hv, SeedMaker seeds) {
        this.vms = vms;
        this.hv = hv;
        this.seeds = seeds;
    }

    VmService.Created clone(CloneVmRequest req, long t0, VmService.Listener listener) {
        GuestNames.requireValid(req.name());
        GuestNames.requireValid(req.source());
        if (req.name().equals(req.source())) {
            throw HyperlabException.badInput("a clone needs a name of its own, not " + req.source(), "try " + req.source() + "-2");
        }
        if (req.timeout().isNegative() || req.timeout().isZero()) {
            throw HyperlabException.badInput("bad timeout " + req.timeout(), "try --timeout 300");
        }
        req.user().ifPresent(GuestNames::requireValidUser);
        List<String> keys = SshKeyFiles.read(req.sshKeyFiles());
        VmInfo src = hv.get(req.source());
        HyperlabLabel srcLabel = ownLabel(src);
        requireStopped(src);
        String srcXml = hv.inactiveXml(req.source());
        String instanceId = dev.hyperlab.cloudinit.model.InstanceId.newFor(req.name());
        boolean hasNic = srcXml.contains("<interface") || srcXml.contains("hostfwd=");
        GuestSeed seed = new GuestSeed(instanceId, req.name(), req.user(), keys, Optional.empty(),
                List.of(NEW_MACHINE_ID), hasNic);
        seeds.validate(seed);
        vms.host().requireNameFree(req.name());

        String pool = srcLabel.pool();
        String overlayVol = req.name() + ".qcow2";
        String seedVol = req.name() + "-seed.iso";
        Path log = vms.host().consoleLog(req.name());
        Deque<Runnable> undo = new ArrayDeque<>();
        // Both names locked, in name order so that 'clone a b' and 'clone b a' cannot wait on each other:
        // the source's so it is not started or removed while its disk is read, the clone's as in create.
        boolean sourceFirst = req.source().compareTo(req.name()) < 0;
        NameLocks.Held first = vms.locks().acquire(VmService.LOCK_KIND, sourceFirst ? req.source() : req.name(), VmService.LOCK_WAIT);
        NameLocks.Held lock = null;
        try (first) {
            NameLocks.Held second = vms.locks().acquire(VmService.LOCK_KIND, sourceFirst ? req.name() : req.source(),
                    VmService.LOCK_WAIT);
            lock = sourceFirst ? second : first;
            NameLocks.Held sourceLock = sourceFirst ? first : second;
            try (second) {
                src = hv.get(req.source()); // again, now that nothing else can start or remove it
                requireStopped(src);
                vms.host().requireNameFree(req.name());
                Map<String, String> disks = new LinkedHashMap<>();
                Map<String, VolumeRef> vols = new LinkedHashMap<>();
                hv.listVolumes(pool).forEach(v -> vols.put(v.name(), v));
                VolumeRef srcOverlay = vols.get(srcLabel.overlayVol());
                if (srcOverlay == null) {
                    throw new HyperlabException(ErrorCode.NOT_FOUND, "cannot clone " + req.source() + ": its disk "
                            + pool + "/" + srcLabel.overlayVol() + " is gone", "try 'hyperlab gc', then recreate it");
                }
                listener.step("copying the disk of " + req.source() + " (" + dev.hyperlab.core.model.Sizes.human(
                        srcOverlay.allocationBytes()) + " of changes on " + srcLabel.image() + ")");
                VolumeRef overlay = hv.copyVolume(pool, srcLabel.overlayVol(), overlayVol);
                undo.push(() -> hv.deleteVolume(pool, overlayVol));
                disks.put(srcOverlay.path(), overlay.path());
                CrashPoints.reached(Step.VM_CLONE_OVERLAY);
                listener.step("writing a new cloud-init seed");
                VolumeRef seedRef = uploadSeed(hv, seeds, seed, pool, seedVol);
                undo.push(() -> hv.deleteVolume(pool, seedVol));
                VolumeRef srcSeed = vols.get(srcLabel.seedVol());
                if (srcSeed != null) {
                    disks.put(srcSeed.path(), seedRef.path());
                }
                CrashPoints.reached(Step.VM_CLONE_SEED);
                Files.createDirectories(log.getParent());
                HyperlabLabel label = new HyperlabLabel(srcLabel.image(), Instant.now(), instanceId, pool, overlayVol,
                        seedVol, log.toString());
                Optional<Integer> srcPort = DomainXmlReader.sshPort(srcXml);
                int port = srcPort.isPresent() ? VmHost.freeLoopbackPort() : 0;
                listener.step("defining domain " + req.name() + " from " + req.source() + "'s definition");
                hv.defineClone(req.source(), new DomainClone(req.name(), disks, log.toString(), label, port));
                undo.clear();
                undo.push(() -> vms.lifecycle().removeIfOurs(req.name(), instanceId));
                CrashPoints.reached(Step.VM_CLONE_DEFINE);
                BootTimeline timeline = BootTimeline.empty().reached(Phase.CREATED, vms.host().elapsed(t0));
                hv.saveTimeline(req.name(), timeline);
                sourceLock.close();
                lock.close();
                listener.phase(timeline);
                if (req.start()) {
                    listener.step("starting");
                    String xml = hv.inactiveXml(req.name());
                    timeline = vms.lifecycle().boot(req.name(), t0, timeline, instanceId, req.waitReady(), req.timeout(), listener,
                            new BootWatcher.Signals(port > 0 ? Optional.of(port) : Optional.empty(), vms.lifecycle().agentExpected(src),
                                    !xml.contains("<kernel>")), Cancellation.NONE);
                }
                undo.clear();
                return new VmService.Created(hv.get(req.name()), timeline);
            }
        } catch (HyperlabException e) {
            if (e.code() == ErrorCode.TIMEOUT) {
                throw e; // the clone exists and runs; only the wait ran out
            }
            vms.creator().rollback(lock != null ? lock : first, req.name(), undo, e);
            throw e;
        } catch (IOException | RuntimeException e) {
            vms.creator().rollback(lock != null ? lock : first, req.name(), undo, e);
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "cloning " + req.source() + " as " + req.name()
                    + " failed: " + e.getMessage() + "; nothing was left behind", "try 'hyperlab doctor'", e);
        }
    }

    /** Renders {@code seed} into a temporary ISO and uploads it as {@code pool/seedVol} (clones and instant clones). */
    static VolumeRef uploadSeed(Hypervisor hv, SeedMaker seeds, GuestSeed seed, String pool, String seedVol) throws IOException {
        Path tmp = Files.createTempDirectory("hyperlab-seed-");
        try {
            Path iso = tmp.resolve("seed.iso");
            seeds.write(seed, iso);
            return hv.uploadVolume(pool, seedVol, iso);
        } finally {
            VmHost.deleteQuietly(tmp.resolve("seed.iso"));
            VmHost.deleteQuietly(tmp);
        }
    }

    /** The source's label: without it hyperlab does not know which disks are the source's own. */
    private static HyperlabLabel ownLabel(VmInfo src) {
        return src.label().orElseThrow(() -> new HyperlabException(ErrorCode.CONFLICT, "cannot clone " + src.name()
                + ": hyperlab did not create it, so it does not know its disks", "try 'virt-clone --original " + src.name() + "'"));
    }

    private static void requireStopped(VmInfo src) {
        if (src.isRunning()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "cannot clone " + src.name() + ": it is "
                    + src.state().name().toLowerCase(java.util.Locale.ROOT) + ", and a disk being written copies torn",
                    "try 'hyperlab vm stop " + src.name() + "' first, or 'hyperlab vm snapshot' to keep its state");
        }
    }
}
