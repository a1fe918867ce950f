package dev.hyperlab.core.compare;

import dev.hyperlab.core.compare.memory.MemoryLedger;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link GuestLab} test double: guests "boot" through their kind's phases at once, or — for the
 * kinds listed in {@link #hang} — stay booting until they are removed or their launch is cancelled,
 * as a VM under TCG would for minutes. Kinds in {@link #hangInCreation} stay in their creation (no
 * guest exists yet, so a removal by name finds nothing) until the launch is cancelled; when it is not
 * cancelled within {@link #CREATION_WAIT} the guest gets made and boots after all, as a VM did before
 * its creation looked at a cancellation token. Kinds in {@link #fail} fail at once, as when the
 * container engine refuses. Honours the port's contract: a cancelled launch removes what it made.
 * Records what exists, so tests can check that nothing is left behind.
 */
final class FakeLab implements GuestLab {
    static final Duration CREATION_WAIT = Duration.ofSeconds(30);

    final Set<String> existing = ConcurrentHashMap.newKeySet();
    final List<String> removed = new CopyOnWriteArrayList<>();
    final List<List<Subject>> prepared = new CopyOnWriteArrayList<>();

    @Override public void prepare(List<Subject> kinds, CompareOptions options, Consumer<String> step) {
        prepared.add(List.copyOf(kinds));
    }
    final Set<Subject> hang = ConcurrentHashMap.newKeySet();
    final Set<Subject> hangInCreation = ConcurrentHashMap.newKeySet();
    final Set<Subject> fail = ConcurrentHashMap.newKeySet();
    final CountDownLatch hanging = new CountDownLatch(1);
    final CountDownLatch creating = new CountDownLatch(1);
    /** Launches that ended because their token was cancelled. */
    final List<String> cancelledLaunches = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> gone = new ConcurrentHashMap<>();

    /** Per kind, the launch (counted from 1) that the engine refuses with "too many open files", as a host out of a limit. */
    final Map<Subject, Integer> failAt = new ConcurrentHashMap<>();
    final Map<Subject, java.util.concurrent.atomic.AtomicInteger> launches = new ConcurrentHashMap<>();
    /** Guests whose host cost was read through {@link #hostCostBytes}, summed over every reading. */
    final java.util.concurrent.atomic.AtomicLong costReads = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public long hostCostBytes(List<LaunchedGuest> guests) {
        costReads.addAndGet(guests.size());
        return GuestLab.super.hostCostBytes(guests);
    }

    @Override
    public LaunchedGuest launch(Subject kind, String name, CompareOptions options, Consumer<BootTimeline> progress,
                                Cancellation cancel) {
        int n = launches.computeIfAbsent(kind, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        if (failAt.getOrDefault(kind, 0) == n) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "creating container " + name
                    + " failed: runc: too many open files", "try 'hyperlab doctor'");
        }
        if (fail.contains(kind)) {
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "creating container " + name
                    + " failed: the container engine refused", "try 'hyperlab doctor'");
        }
        if (hangInCreation.contains(kind)) {
            creating.countDown();
            if (await(null, cancel, CREATION_WAIT)) {
                cancelledLaunches.add(name);
                throw cancel.cancelled("creating " + kind.title() + " " + name);
            }
        }
        if (cancel.isCancelled()) { // the port: the token is looked at between the steps, the first included
            cancelledLaunches.add(name);
            throw cancel.cancelled("creating " + kind.title() + " " + name);
        }
        existing.add(name);
        gone.put(name, new CountDownLatch(1));
        BootTimeline t = BootTimeline.empty();
        List<Phase> phases = kind.phases();
        for (int i = 0; i < phases.size(); i++) {
            if (cancel.isCancelled()) {
                existing.remove(name);
                cancelledLaunches.add(name);
                throw cancel.cancelled("booting " + kind.title() + " " + name);
            }
            if (hang.contains(kind) && phases.get(i) == Phase.READY) {
                hanging.countDown();
                if (await(gone.get(name), cancel, Duration.ofSeconds(30))) {
                    existing.remove(name); // the launch undoes what it made
                    cancelledLaunches.add(name);
                    throw cancel.cancelled("booting " + kind.title() + " " + name);
                }
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, kind.title() + " " + name
                        + " stopped before it was ready", null);
            }
            t = t.reached(phases.get(i), Duration.ofMillis(100L * (i + 1) * (kind == Subject.VM ? 10 : 1)));
            progress.accept(t);
        }
        return new LaunchedGuest(kind, name, t);
    }

    /** Waits until {@code removed} counts down, {@code cancel} is cancelled or the time is up; true when cancelled. */
    private static boolean await(CountDownLatch removed, Cancellation cancel, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        try {
            while (System.nanoTime() < end) {
                if (cancel.isCancelled()) {
                    return true;
                }
                if (removed != null && removed.await(10, TimeUnit.MILLISECONDS)) {
                    return false;
                }
                if (removed == null) {
                    Thread.sleep(10);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return cancel.isCancelled();
    }

    /** The settings each VM launched through {@link #launchVm} was booted with. */
    final Map<String, VmSettings> vmSettings = new ConcurrentHashMap<>();
    /** The same, in launch order. */
    final List<VmSettings> vmLaunchOrder = new CopyOnWriteArrayList<>();
    /** VMs whose guest dropped its caches (the command {@link VmLevers} runs). */
    final Set<String> cachesDropped = ConcurrentHashMap.newKeySet();
    /** The KSM directory the clones' cost depends on: merged (cheaper) while its "run" reads 1; null = never. */
    volatile java.nio.file.Path ksmDir;

    @Override
    public LaunchedGuest launchVm(String name, CompareOptions options, VmSettings settings, Consumer<BootTimeline> progress,
                                  Cancellation cancel) {
        LaunchedGuest g = launch(Subject.VM, name, options, progress, cancel);
        vmSettings.put(name, settings);
        vmLaunchOrder.add(settings);
        return g;
    }

    @Override
    public GuestExec exec(LaunchedGuest guest) {
        GuestExec inner = FakeExec.of(guest.kind());
        return (argv, timeout) -> {
            if (argv.equals(VmLevers.DROP_CACHES)) {
                cachesDropped.add(guest.name());
            }
            return inner.exec(argv, timeout);
        };
    }

    /**
     * A VM costs what scripts/bench/vm-density.sh measured, by its settings: 580 MiB PSS with hyperlab's
     * 256 MiB tb-cache, 960 MiB with QEMU's, 350 MiB with 64 MiB; with free page reporting, dropping the
     * guest's caches hands 100 MiB back. A clone costs 350 MiB, 180 MiB while KSM runs.
     */
    @Override
    public MemoryLedger memory(LaunchedGuest g, int run) {
        long mb = 1L << 20;
        if (g.kind() == Subject.VM_CLONE) {
            long pss = ksmRunning() ? 180 : 350;
            return MemoryLedger.vm(run, 370 * mb, pss * mb, 160 * mb, 985 * mb).as(Subject.VM_CLONE);
        }
        if (g.kind() == Subject.VM) {
            VmSettings s = vmSettings.getOrDefault(g.name(), VmSettings.HYPERLAB);
            long pss = switch (s.tbCacheMib()) {
                case VmSettings.AS_MADE -> 580;
                case VmSettings.QEMU_DEFAULT -> 960;
                default -> 350;
            };
            long used = 170;
            if (cachesDropped.contains(g.name())) {
                used = 70;
                pss -= s.freePageReporting() ? 100 : 0;
            }
            return MemoryLedger.vm(run, (pss + 20) * mb, pss * mb, used * mb, 985 * mb);
        }
        return MemoryLedger.hostViewContainer(g.kind(), run, 45 * mb, 30 * mb, java.util.OptionalLong.of(mb / 2));
    }

    private boolean ksmRunning() {
        try {
            return ksmDir != null && java.nio.file.Files.readString(ksmDir.resolve("run")).trim().equals("1");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public DiskUsage disk(LaunchedGuest g) {
        return g.kind() == Subject.VM ? new DiskUsage(g.kind(), 1L << 30, 64L << 20, "qcow2 base", "qcow2 overlay")
                : new DiskUsage(g.kind(), 300L << 20, 12L << 20, "OCI image", "writable layer");
    }

    /** Names whose next removal fails, as when libvirtd restarts under it. */
    final Set<String> failRemovalOnce = ConcurrentHashMap.newKeySet();

    @Override
    public void remove(LaunchedGuest g) {
        if (failRemovalOnce.remove(g.name())) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "stopping " + g.name() + " was cut off: libvirt "
                    + "went away meanwhile", null);
        }
        removed.add(g.name());
        existing.remove(g.name());
        CountDownLatch l = gone.get(g.name());
        if (l != null) {
            l.countDown();
        }
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("libvirt", "9.0.0", "engine", "podman 4.3.1");
    }
}
