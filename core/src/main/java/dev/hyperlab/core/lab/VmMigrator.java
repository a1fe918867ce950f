package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.hosts.LibvirtUri;
import dev.hyperlab.core.hosts.UriAliases;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HostMemory;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.MigrationJob;
import dev.hyperlab.core.vm.MigrationRequest;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import dev.hyperlab.core.vm.libvirt.DomainXmlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code vm migrate NAME --to HOST}: a VM moved from one libvirt host to another with libvirt's own
 * migration ({@link Hypervisor#migrate}). Everything that would make it fail is refused first, with the
 * reason and nothing touched: the target is the source; the VM is not hyperlab's, has snapshots (libvirt
 * refuses those), is stopped with {@code --live}; a VM of that name or its volumes exist on the target;
 * without {@code --copy-storage}, the target lacks the VM's volumes (its storage is not shared) or its
 * base image; the target lacks the memory, the accelerator (a KVM guest cannot go on under TCG, nor a
 * TCG one under KVM) or a libvirt network the VM is on.
 *
 * <p>With {@code --copy-storage}, a running VM's overlay is mirrored by libvirt onto an empty overlay
 * made on the target on the same base (the base uploaded first when the target lacks it, see
 * {@link HostImages}); the read-only seed is copied through streams beforehand, since libvirt mirrors
 * only writable disks. A stopped VM's overlay is copied through streams too, then its definition moves.
 * Both hosts' locks on the name are held throughout. What the migration made on the target is removed
 * again when it fails or is cancelled (the guest then runs on at the source, as libvirt leaves it); once
 * the guest is on the target, its volumes and console log go from the source.
 */
public final class VmMigrator {
    private static final Pattern DOMAIN_TYPE = Pattern.compile("<domain[^>]*\\stype=['\"](\\w+)['\"]");
    private static final Pattern BOOT_FILE = Pattern.compile("<(?:kernel|initrd)>([^<]+)</(?:kernel|initrd)>");
    private static final Pattern NETWORK = Pattern.compile("<source\\s+network=['\"]([^'\"]+)['\"]");

    private final VmService source;
    private final String sourceName;
    private final VmService target;
    private final String targetName;

    /** Moves VMs from {@code source} (the host called {@code sourceName}) to {@code target} ({@code targetName}). */
    public VmMigrator(VmService source, String sourceName, VmService target, String targetName) {
        this.source = source;
        this.sourceName = sourceName;
        this.target = target;
        this.targetName = targetName;
    }

    /** Progress for the user: steps in words, the job's numbers while memory and disks move. */
    public interface Listener {
        void step(String what);

        default void progress(MigrationJob job) {}
    }

    /** A finished migration: the total time (checks and copies included) and libvirt's numbers of the job. */
    public record Migrated(String name, String from, String to, Duration total, MigrationJob job) {}

    /** What the checks found out, for the migration that follows them. */
    private record Plan(VmInfo vm, HyperlabLabel label, boolean running, List<Path> baseBlobs, List<Path> blobsToShip,
                        Map<String, VolumeRef> sourceVolumes) {}

    public Migrated migrate(String name, boolean live, boolean copyStorage, Listener listener, Cancellation cancel) {
        long t0 = System.nanoTime();
        Hypervisor from = source.hypervisor();
        Hypervisor to = target.hypervisor();
        check(name, live, copyStorage); // before any lock: bad input waits for nobody
        boolean sourceFirst = from.uri().compareTo(to.uri()) < 0;
        try (NameLocks.Held a = (sourceFirst ? source : target).host().lock(name);
             NameLocks.Held b = (sourceFirst ? target : source).host().lock(name)) {
            Plan plan = check(name, live, copyStorage); // again under the locks: nothing changed meanwhile
            cancel.check("migrating " + name);
            Deque<Runnable> undo = new ArrayDeque<>();
            MigrationJob job;
            try {
                if (copyStorage) {
                    copyStorage(plan, listener);
                    pushVolumeUndo(plan, undo);
                }
                cancel.check("migrating " + name);
                MigrationRequest req = request(plan, live, copyStorage);
                // the target's QEMU starts writing it at once; an aborted job must not leave it behind
                req.consoleLog().ifPresent(log -> undo.push(() -> VmHost.deleteQuietly(Path.of(log))));
                listener.step((plan.running() ? live ? "live-migrating " : "migrating (paused meanwhile) " : "moving the definition of ")
                        + name + " from " + sourceName + " to " + targetName);
                job = from.migrate(name, req, listener::progress, cancel);
            } catch (RuntimeException e) {
                try {
                    if (to.find(name).isEmpty()) {
                        undo.forEach(Runnable::run); // the guest stayed at the source: what was made for it there goes
                    }
                } catch (RuntimeException gone) {
                    e.addSuppressed(gone); // the target went away: 'hyperlab gc --host' removes what is left there
                }
                throw e;
            }
            MigrationJob finished = to.completedMigration(name).orElse(job);
            removeFromSource(plan, listener);
            return new Migrated(name, sourceName, targetName, Duration.ofNanos(System.nanoTime() - t0), finished);
        }
    }

    /** Every refusal, before anything is written; returns what the migration needs to know. */
    private Plan check(String name, boolean live, boolean copyStorage) {
        Hypervisor from = source.hypervisor();
        Hypervisor to = target.hypervisor();
        GuestNames.requireValid(dev.hyperlab.core.model.GuestKind.VM, name);
        if (from.uri().equals(to.uri()) || sourceName.equals(targetName)) {
            throw refused(name, "it is on " + targetName + " already", "name another host with --to");
        }
        VmInfo vm = from.get(name);
        HyperlabLabel label = vm.label().orElseThrow(() -> new HyperlabException(ErrorCode.CONFLICT,
                "cannot migrate " + name + ": hyperlab did not create it, so it does not know its disks",
                "try 'virsh migrate' for VMs of other tools"));
        boolean running = vm.isRunning() || vm.state() == dev.hyperlab.core.model.GuestState.PAUSED;
        if (live && !running) {
            throw refused(name, "--live needs a running VM, and it is " + vm.state().label(),
                    "start it first, or leave out --live to move it stopped");
        }
        String template = dev.hyperlab.core.template.TemplateNames.memoryFileTemplate(from.inactiveXml(name));
        if (template != null) {
            throw refused(name, "it is an instant clone of template " + template + ", and maps the template's memory file,"
                    + " which only this host has", "make a VM there with 'hyperlab vm create --host " + targetName + "'");
        }
        List<SnapshotInfo> snaps = from.listSnapshots(name);
        if (!snaps.isEmpty()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "cannot migrate " + name + ": libvirt does not migrate a VM with snapshots ("
                    + snaps.stream().map(SnapshotInfo::name).collect(Collectors.joining(", ")) + ")",
                    "delete them first with 'hyperlab vm snapshot delete " + name + " SNAP'");
        }
        if (to.find(name).isPresent()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "cannot migrate " + name + ": " + targetName
                    + " has a VM of that name already", "remove it there, or migrate another VM");
        }
        String xml = from.inactiveXml(name);
        requireAccelerator(name, xml);
        requireNetworks(name, xml);
        requireMemory(name, vm, running);
        Map<String, VolumeRef> sourceVolumes = volumes(from);
        Map<String, VolumeRef> targetVolumes = volumes(to);
        List<String> own = ownVolumes(label, sourceVolumes);
        if (copyStorage) {
            for (String v : own) {
                if (targetVolumes.containsKey(v)) {
                    throw new HyperlabException(ErrorCode.CONFLICT, "cannot migrate " + name + " with --copy-storage: "
                            + targetName + " has a volume " + VmService.POOL + "/" + v + " already",
                            "if it is a leftover there, 'hyperlab gc --host " + targetName + "' removes it; if the hosts share "
                                    + "their storage, leave out --copy-storage");
                }
            }
        } else {
            for (String v : own) {
                if (!targetVolumes.containsKey(v)) {
                    throw refused(name, targetName + " has no volume " + VmService.POOL + "/" + v
                            + ", so the hosts do not share their storage", "add --copy-storage to copy its disks");
                }
            }
        }
        List<Path> blobs = baseBlobs(name, label, xml);
        List<Path> toShip = blobsMissingOnTarget(blobs);
        if (!toShip.isEmpty()) {
            String which = toShip.stream().map(p -> p.getFileName().toString().substring(0, 12)).collect(Collectors.joining(", "));
            if (!target.host().remote()) {
                throw refused(name, "this machine's image store lacks its base image " + label.image() + " (blob " + which + ")",
                        "build or pull that image here first ('hyperlab image list' shows what the store has)");
            }
            if (!copyStorage) {
                throw refused(name, targetName + " lacks its base image " + label.image() + " (blob " + which + ")",
                        "add --copy-storage: the base is uploaded to " + targetName + " first, once");
            }
            List<Path> notHere = toShip.stream().filter(p -> !Files.isRegularFile(p)).toList();
            if (!notHere.isEmpty()) {
                throw refused(name, targetName + " lacks its base image " + label.image()
                        + ", and this machine's store has no copy to send (blob " + notHere.get(0).getFileName() + ")",
                        "build or pull " + label.image() + " here first, then migrate again");
            }
        }
        return new Plan(vm, label, running, blobs, toShip, sourceVolumes);
    }

    private static HyperlabException refused(String name, String why, String hint) {
        return new HyperlabException(ErrorCode.BAD_INPUT, "cannot migrate " + name + ": " + why, hint);
    }

    /** The domain type must be what the target runs guests with: TCG and KVM guests do not migrate into each other. */
    private void requireAccelerator(String name, String xml) {
        Matcher m = DOMAIN_TYPE.matcher(xml);
        DomainType type = m.find() && m.group(1).equals("kvm") ? DomainType.KVM : DomainType.QEMU;
        DomainType there = target.defaultType();
        if (type != there) {
            throw refused(name, "it runs under " + accel(type) + " and " + targetName + " runs guests under " + accel(there)
                    + "; a running guest cannot change its accelerator", "create it anew on " + targetName + " instead");
        }
    }

    private static String accel(DomainType t) { return t == DomainType.KVM ? "KVM" : "TCG (no usable KVM)"; }

    private void requireNetworks(String name, String xml) {
        Optional<List<String>> there = target.hypervisor().networkNames();
        if (there.isEmpty()) {
            return;
        }
        Matcher m = NETWORK.matcher(xml);
        while (m.find()) {
            if (!there.get().contains(m.group(1))) {
                throw refused(name, "it is on the libvirt network " + m.group(1) + ", which " + targetName + " does not have"
                        + (there.get().isEmpty() ? "" : " (it has: " + String.join(", ", there.get()) + ")"),
                        "define that network on " + targetName + " first");
            }
        }
    }

    private void requireMemory(String name, VmInfo vm, boolean running) {
        Optional<HostMemory> mem = target.hypervisor().hostMemory();
        if (mem.isEmpty()) {
            return;
        }
        long need = vm.memoryBytes();
        if (need > mem.get().totalBytes()) {
            throw refused(name, "it has " + Sizes.human(need) + " of memory and " + targetName + " has only "
                    + Sizes.human(mem.get().totalBytes()) + " in all", "shrink it with 'hyperlab vm resize' first");
        }
        if (running && need > mem.get().freeBytes()) {
            throw refused(name, "it needs " + Sizes.human(need) + " of memory and " + targetName + " has "
                    + Sizes.human(mem.get().freeBytes()) + " free", "stop guests on " + targetName + " first");
        }
    }

    private static Map<String, VolumeRef> volumes(Hypervisor hv) {
        try {
            return hv.listVolumes(VmService.POOL).stream().collect(Collectors.toMap(VolumeRef::name, Function.identity(), (a, b) -> a));
        } catch (HyperlabException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Map.of(); // no hyperlab pool there yet
            }
            throw e;
        }
    }

    /** The VM's overlay and, when there is one, its seed. */
    private static List<String> ownVolumes(HyperlabLabel label, Map<String, VolumeRef> sourceVolumes) {
        List<String> out = new ArrayList<>();
        out.add(label.overlayVol());
        if (!label.seedVol().isEmpty() && sourceVolumes.containsKey(label.seedVol())) {
            out.add(label.seedVol());
        }
        return out;
    }

    /** The files the VM boots from besides its own volumes: the overlay's base, the kernel and initrd. */
    private List<Path> baseBlobs(String name, HyperlabLabel label, String xml) {
        List<Path> out = new ArrayList<>();
        source.hypervisor().backingPath(VmService.POOL, label.overlayVol()).map(Path::of).ifPresent(out::add);
        Matcher m = BOOT_FILE.matcher(xml);
        while (m.find()) {
            out.add(Path.of(m.group(1)));
        }
        return out;
    }

    /** On a remote target, the pool of uploaded images; on this machine, the image store itself. */
    private List<Path> blobsMissingOnTarget(List<Path> blobs) {
        if (blobs.isEmpty()) {
            return List.of();
        }
        if (!target.host().remote()) {
            return blobs.stream().filter(p -> !Files.isRegularFile(p)).toList();
        }
        return HostImages.missing(target.hypervisor(), blobs);
    }

    private void copyStorage(Plan plan, Listener listener) {
        Hypervisor from = source.hypervisor();
        Hypervisor to = target.hypervisor();
        if (!plan.blobsToShip().isEmpty()) {
            HostImages.ship(to, plan.blobsToShip(), listener::step);
        }
        to.ensurePool(VmService.POOL, target.poolDir().toString());
        HyperlabLabel label = plan.label();
        VolumeRef overlay = plan.sourceVolumes().get(label.overlayVol());
        if (plan.running()) {
            // libvirt mirrors the running overlay's own clusters onto an empty overlay on the same base
            String base = from.backingPath(VmService.POOL, label.overlayVol()).orElseThrow(() -> new HyperlabException(
                    ErrorCode.CONFLICT, "cannot migrate " + plan.vm().name() + ": its disk has no base image", null));
            listener.step("making an empty overlay on " + targetName + " for the disk's " + Sizes.human(overlay.allocationBytes())
                    + " of changes");
            to.createOverlay(VmService.POOL, label.overlayVol(), base, overlay.capacityBytes());
        } else {
            copyVolume(label.overlayVol(), "the disk (" + Sizes.human(overlay.allocationBytes()) + ")", listener);
        }
        if (plan.sourceVolumes().containsKey(label.seedVol())) {
            copyVolume(label.seedVol(), "the cloud-init seed", listener);
        }
    }

    /** Through a temporary file here: a download from the source, an upload to the target. */
    private void copyVolume(String vol, String what, Listener listener) {
        listener.step("copying " + what + " to " + targetName);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("hyperlab-migrate-", ".vol");
            source.hypervisor().downloadVolume(VmService.POOL, vol, tmp);
            target.hypervisor().uploadVolume(VmService.POOL, vol, tmp);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "copying " + vol + " failed: " + e.getMessage(),
                    "check the space in " + System.getProperty("java.io.tmpdir"), e);
        } finally {
            if (tmp != null) {
                VmHost.deleteQuietly(tmp);
            }
        }
    }

    private void pushVolumeUndo(Plan plan, Deque<Runnable> undo) {
        for (String v : ownVolumes(plan.label(), plan.sourceVolumes())) {
            undo.push(() -> target.hypervisor().deleteVolume(VmService.POOL, v));
        }
    }

    private MigrationRequest request(Plan plan, boolean live, boolean copyStorage) {
        String name = plan.vm().name();
        boolean ssh = DomainXmlReader.sshPort(source.hypervisor().xml(name)).isPresent();
        // A target on this machine's loopback shares it with whatever else runs here (the source too, when
        // both daemons are on this machine): its SSH forward gets a port that is free here.
        int port = ssh && target.host().loopbackReachable() ? VmHost.freeLoopbackPort() : 0;
        Optional<String> log = Optional.empty();
        if (!target.host().remote()) {
            Path file = target.host().consoleLog(name);
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "making " + file.getParent() + " failed: " + e.getMessage(),
                        "check the data directory's permissions", e);
            }
            log = Optional.of(file.toString());
        }
        return new MigrationRequest(target.hypervisor().uri(), live, copyStorage, streamHost(), port, log);
    }

    /**
     * Where memory and disks stream to: the target's host as its URI names it; for this machine's own
     * daemon, 127.0.0.1 when the source is a daemon on loopback too (else libvirt's own choice, this
     * machine's host name).
     */
    private Optional<String> streamHost() {
        UriAliases aliases = UriAliases.forThisProcess();
        try {
            LibvirtUri to = LibvirtUri.parse(target.hypervisor().uri(), aliases);
            if (to.remote()) {
                return to.host();
            }
            return source.host().loopbackReachable() ? Optional.of("127.0.0.1") : Optional.empty();
        } catch (HyperlabException e) {
            return Optional.empty();
        }
    }

    /** Once the guest is on the target: its volumes and console log go from the source. */
    private void removeFromSource(Plan plan, Listener listener) {
        Hypervisor from = source.hypervisor();
        String name = plan.vm().name();
        if (from.find(name).isPresent()) {
            return; // libvirt kept a definition here after all: its disks are still its own
        }
        for (String v : ownVolumes(plan.label(), plan.sourceVolumes())) {
            from.deleteVolume(VmService.POOL, v);
        }
        if (!source.host().remote()) {
            VmHost.deleteQuietly(source.host().consoleLog(name));
        }
        listener.step("removed " + name + "'s volumes from " + sourceName);
    }

    /** One progress line's numbers: moved of total, left, rate. */
    public static String describe(MigrationJob j) {
        return String.format(Locale.ROOT, "%s of %s moved, %s left, %s/s", Sizes.human(j.dataProcessed()),
                Sizes.human(j.dataTotal()), Sizes.human(j.dataRemaining()), Sizes.human(j.bytesPerSecond()));
    }
}
