package dev.hyperlab.core.lab;

import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.LifecycleEvent;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.images.catalog.DistroFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What happens to a VM once it exists: start (with its boot timeline), stop, reboot, remove and
 * purge, the console and its log, exec through the guest agent, edits of the definition and
 * snapshots. Every change of what exists under a name runs under that name's lock.
 */
final class VmLifecycle {
    private final VmHost host;
    private final Hypervisor hv;
    private final ImageResolver images;
    private final SeedMaker seeds;

    VmLifecycle(VmHost host, ImageResolver images, SeedMaker seeds) {
        this.host = host;
        this.hv = host.hv();
        this.images = images;
        this.seeds = seeds;
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

    /** Starts a stopped VM; with {@code wait}, follows the console until READY. */
    BootTimeline start(String name, boolean wait, Duration timeout, long t0, VmService.Listener listener) {
        return start(name, wait, timeout, t0, listener, Cancellation.NONE);
    }

    /** As above; {@code cancel} is polled while the boot is awaited (the caller undoes the start). */
    BootTimeline start(String name, boolean wait, Duration timeout, long t0, VmService.Listener listener,
                       Cancellation cancel) {
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
                        !xml.contains("<kernel>")), cancel);
    }

    BootTimeline boot(String name, long t0, BootTimeline before, String instanceId, boolean wait,
                      Duration timeout, VmService.Listener listener, BootWatcher.Signals signals, Cancellation cancel) {
        if (wait && instanceId.isEmpty()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "VM " + name + " was not created by hyperlab: there is no "
                    + "readiness marker to wait for", "try 'hyperlab vm start " + name + "' without --wait");
        }
        BootTimeline[] last = {before};
        BootRequest req = BootRequest.of(name, t0).after(before).withSignals(signals)
                .withConsoleLog(Optional.of(host.consoleLog(name)).filter(p -> !host.remote() && Files.isDirectory(p.getParent())))
                .reporting(tl -> {
                    last[0] = tl;
                    listener.phase(tl);
                }).echoing(listener::console).cancelledBy(cancel);
        if (wait) {
            // Only a wait needs the marker: a domain hyperlab did not make has no instance id to build it from.
            req = req.awaiting(seeds.readinessLine(instanceId), timeout);
        }
        try {
            BootTimeline t = new BootWatcher(hv, host.nanoClock()).start(req);
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

    /** The persistent definition, for {@code vm edit}. */
    String definition(String name) {
        return hv.inactiveXml(name);
    }

    /**
     * Replaces the persistent definition by an edited one, under the name's lock; libvirt checks it
     * against its schema first and keeps the old one when it refuses.
     */
    void redefine(String name, String xml) {
        try (NameLocks.Held lock = host.lock(name)) {
            hv.redefine(name, xml);
        }
    }

    /**
     * Runs a command in a running VM through qemu-guest-agent, as {@code incus exec} does: no network
     * needed. Waits up to {@code timeout} for the agent (it starts late in a boot) and the command.
     */
    dev.hyperlab.core.exec.ExecResult exec(String name, List<String> command, Duration timeout) {
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
    boolean stop(String name, Duration grace) {
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

    void destroy(String name) {
        if (hv.get(name).isRunning()) {
            hv.destroy(name);
        }
    }

    void reboot(String name) {
        requireRunning(name, "reboot");
        hv.reboot(name);
    }

    /** Removes the domain, its overlay, seed and console log; a running VM only with {@code force}. */
    void remove(String name, boolean force) {
        try (NameLocks.Held lock = host.lock(name)) {
            removeLocked(hv.get(name), force);
        }
    }

    /** Removes a domain and what its label names; the caller holds the name's lock. */
    void removeLocked(VmInfo vm, boolean force) {
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
                VmHost.deleteQuietly(Path.of(l.consoleLog()));
            }
        });
    }

    /**
     * Removes everything {@link VmCreator#create} makes for {@code name}, found by the names create gives it
     * (domain, {@code NAME.qcow2}, {@code NAME-seed.iso}, the console log), also when there is no
     * domain (a create that failed half-way or was cancelled before it defined one) and when the
     * domain is running. For guests a program made and owns by name (a comparison's); idempotent.
     */
    void purge(String name) {
        GuestNames.requireValid(name);
        try (NameLocks.Held lock = host.lock(name)) {
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
            hv.deleteVolume(VmService.POOL, name + ".qcow2");
            hv.deleteVolume(VmService.POOL, name + "-seed.iso");
            VmHost.deleteQuietly(host.consoleLog(name));
        }
    }

    /**
     * The serial console of a running VM, taken over from any other client (as {@code virsh console
     * --force}); closing it leaves the guest running.
     */
    ConsoleStream console(String name) {
        requireRunning(name, "attach to the console of");
        return hv.openConsole(name);
    }

    /** The serial console log as QEMU wrote it (on this host). */
    Path log(String name) {
        VmInfo vm = hv.get(name);
        if (host.remote()) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "VM " + name + " is on " + hv.uri()
                    + ", where hyperlab keeps no console log file", "use 'hyperlab vm console " + name + "' (a libvirt stream)");
        }
        Path p = Path.of(vm.label().map(HyperlabLabel::consoleLog).filter(s -> !s.isEmpty())
                .orElse(host.consoleLog(name).toString()));
        if (!Files.isReadable(p)) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no console log for " + name + " at " + p,
                    "the log is written once the VM has started; for a remote host use 'hyperlab vm console'");
        }
        return p;
    }

    // --- snapshots

    void snapshotCreate(String name, String snap, String description) {
        GuestNames.requireValidSnapshot(snap);
        try (NameLocks.Held lock = host.lock(name)) {
            hv.get(name);
            hv.createSnapshot(name, snap, description);
        }
    }

    List<SnapshotInfo> snapshots(String name) { return hv.listSnapshots(name); }

    void snapshotRevert(String name, String snap) {
        GuestNames.requireValidSnapshot(snap);
        try (NameLocks.Held lock = host.lock(name)) {
            hv.revertSnapshot(name, snap);
        }
    }

    void snapshotDelete(String name, String snap) {
        GuestNames.requireValidSnapshot(snap);
        try (NameLocks.Held lock = host.lock(name)) {
            hv.deleteSnapshot(name, snap);
        }
    }

    private void requireRunning(String name, String what) {
        if (!hv.get(name).isRunning()) {
            throw new HyperlabException(ErrorCode.CONFLICT, "cannot " + what + " VM " + name + ": it is not running",
                    "try 'hyperlab vm start " + name + "'");
        }
    }
}
