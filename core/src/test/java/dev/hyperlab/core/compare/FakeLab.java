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
 * The {@link GuestLab} test double of core's compare tests and the TUI's compare view (through core's
 * test-jar); {@code FakeLabContractTest} holds it to the port's promises in both of its modes.
 *
 * <p>Guests "boot" through their kind's phases at once, reporting the phase times of {@link #timings}
 * (made-up round figures unless the test sets some, e.g. {@link #RECORDED}). What a test scripts:
 * <ul>
 * <li>{@link #stepped}: launches of those kinds reach each phase only when the test lets them
 *     ({@link #advance}), so a view can be read between phases; removing such a guest while it boots
 *     makes its launch fail, as a destroyed domain does;</li>
 * <li>{@link #hang}: launches of those kinds stay booting before READY until they are removed or
 *     cancelled, as a VM under TCG would for minutes;</li>
 * <li>{@link #hangInCreation}: they stay in their creation (no guest exists yet, so a removal by name
 *     finds nothing) until the launch is cancelled; when it is not cancelled within
 *     {@link #CREATION_WAIT} the guest gets made and boots after all, as a VM did before its creation
 *     looked at a cancellation token;</li>
 * <li>{@link #fail} and {@link #failAt}: injected failures, as when the container engine refuses.</li>
 * </ul>
 * A cancelled launch removes what it made. Records what exists, so tests can check that nothing is
 * left behind.
 */
public final class FakeLab implements GuestLab {
    static final Duration CREATION_WAIT = Duration.ofSeconds(30);
    /** How long a stepped launch waits for its next step before it gives up, as a boot that timed out. */
    static final Duration STEP_WAIT = Duration.ofSeconds(60);

    /**
     * The phase times (ms) of a recorded run on the 2-core TCG host: VM ready at ~105 s, an instant
     * clone at 2 s, a system container at ~3 s.
     */
    public static final Map<Subject, long[]> RECORDED = Map.of(
            Subject.VM, new long[] {120, 900, 4_100, 38_000, 104_500},
            Subject.VM_CLONE, new long[] {160, 700, 1_900, 2_000},
            Subject.SYSTEM_CONTAINER, new long[] {200, 480, 1_100, 2_900});

    /** Guests that exist now, by name. */
    public final Set<String> existing = ConcurrentHashMap.newKeySet();
    /** Every removal asked, in order. */
    public final List<String> removed = new CopyOnWriteArrayList<>();
    final List<List<Subject>> prepared = new CopyOnWriteArrayList<>();
    /** Per kind, the time (ms) each of its phases is reported at; kinds not here get round figures. */
    public final Map<Subject, long[]> timings = new ConcurrentHashMap<>();
    private final Map<Subject, java.util.concurrent.Semaphore> steps = new ConcurrentHashMap<>();

    /** Launches of {@code kinds} wait for {@link #advance} before each phase. */
    public FakeLab stepped(Subject... kinds) {
        for (Subject k : kinds) {
            steps.putIfAbsent(k, new java.util.concurrent.Semaphore(0));
        }
        return this;
    }

    /** Lets launches of a {@link #stepped} {@code kind} reach their next {@code n} phases. */
    public void advance(Subject kind, int n) {
        java.util.concurrent.Semaphore s = steps.get(kind);
        if (s == null) {
            throw new IllegalStateException(kind + " is not stepped: it boots at once");
        }
        s.release(n);
    }

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
            if (steps.containsKey(kind)) {
                awaitStep(kind, name, cancel);
            }
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
            long[] at = timings.get(kind);
            t = t.reached(phases.get(i), Duration.ofMillis(at != null ? at[i] : 100L * (i + 1) * (kind == Subject.VM ? 10 : 1)));
            progress.accept(t);
        }
        return new LaunchedGuest(kind, name, t);
    }

    /**
     * Waits for the test to let a stepped launch on; returns when it did or the launch was cancelled
     * (the caller looks), throws when the guest was removed meanwhile or no step came in time.
     */
    private void awaitStep(Subject kind, String name, Cancellation cancel) {
        long end = System.nanoTime() + STEP_WAIT.toNanos();
        try {
            while (!cancel.isCancelled()) {
                if (!existing.contains(name) || System.nanoTime() > end) {
                    throw new HyperlabException(ErrorCode.OPERATION_FAILED, kind.title() + " " + name
                            + " stopped before it was ready", null);
                }
                if (steps.get(kind).tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancel.cancelled("booting " + kind.title() + " " + name);
        }
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

    /** The isolation probe and the benchmark tools as they answer in {@code where}: {@link FakeExec}. */
    public static GuestExec execIn(Subject where) {
        return FakeExec.of(where);
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
        return g.kind().isVm() ? new DiskUsage(g.kind(), 1L << 30, 64L << 20, "qcow2 base", "qcow2 overlay")
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
        return Map.of("libvirt", "9.0.0", "qemu", "7.2.0", "engine", "podman 4.3.1 (runc)");
    }
}
