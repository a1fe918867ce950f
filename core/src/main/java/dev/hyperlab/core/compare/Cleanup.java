package dev.hyperlab.core.compare;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.wait.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Every guest a comparison makes: launched through {@link #launch}, removed at the end, on failure,
 * on Ctrl-C (a JVM shutdown hook) and on {@link #cancel}. Removal errors are collected, not thrown,
 * so one stuck guest does not keep the others alive.
 *
 * <p>A launch in progress (a VM takes minutes to boot under TCG) is stopped through the
 * {@link Cancellation} token it was given, not by removing its guest behind its back: a VM still being
 * created has no domain yet that a removal could find, and would otherwise go on to boot. Stopping
 * therefore cancels the token, removes the guests that are ready, waits for the launches in
 * progress to undo what they made (the lab's contract; within about one hypervisor call), then
 * removes each of them once more by name, in case an undo failed half-way.
 */
public final class Cleanup implements AutoCloseable {
    /** How long a stop waits for the launches in progress to undo themselves before removing by name anyway. */
    static final Duration LAUNCH_STOP_WAIT = Duration.ofMinutes(2);

    private final GuestLab lab;
    private final Cancellation cancellation = new Cancellation();
    private final Duration launchStopWait;
    private final Map<String, LaunchedGuest> live = new LinkedHashMap<>();
    private final Map<String, Subject> launching = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final CountDownLatch stopDone = new CountDownLatch(1);
    private final Thread hook;
    private boolean closing;
    private boolean cancelled;

    public Cleanup(GuestLab lab) {
        this(lab, LAUNCH_STOP_WAIT);
    }

    Cleanup(GuestLab lab, Duration launchStopWait) {
        this.lab = lab;
        this.launchStopWait = launchStopWait;
        this.hook = new Thread(() -> stop("compare was interrupted"), "hyperlab-compare-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Cancelled when this cleanup stops (cancel, Ctrl-C, close); give children of it to launches. */
    public Cancellation cancellation() { return cancellation; }

    /** {@link #launch(Subject, String, CompareOptions, Consumer, Cancellation)} with this cleanup's own token. */
    public LaunchedGuest launch(Subject kind, String name, CompareOptions o, Consumer<BootTimeline> progress) {
        return launch(kind, name, o, progress, cancellation);
    }

    /**
     * Launches a guest and owns it from the start: a stop during the launch cancels it, and a guest that
     * becomes ready is removed at the end. Throws when the cleanup has stopped (nothing new is made
     * then), and when the launch fails or is cancelled (it removed what it had made).
     *
     * @param token this cleanup's {@link #cancellation} or a child of it
     */
    public LaunchedGuest launch(Subject kind, String name, CompareOptions o, Consumer<BootTimeline> progress,
                                Cancellation token) {
        return owned(kind, name, () -> lab.launch(kind, name, o, progress, token));
    }

    /** As {@link #launch} for a cold VM with other host-side settings ({@link GuestLab#launchVm}). */
    public LaunchedGuest launchVm(String name, CompareOptions o, VmSettings settings, Consumer<BootTimeline> progress) {
        return owned(Subject.VM, name, () -> lab.launchVm(name, o, settings, progress, cancellation));
    }

    private LaunchedGuest owned(Subject kind, String name, java.util.function.Supplier<LaunchedGuest> launch) {
        synchronized (this) {
            if (closing) {
                throw stopped();
            }
            launching.put(name, kind);
        }
        LaunchedGuest g;
        try {
            g = launch.get();
        } catch (RuntimeException e) {
            synchronized (this) {
                launching.remove(name);
                notifyAll();
            }
            throw e;
        }
        boolean stopping;
        synchronized (this) {
            launching.remove(name);
            live.put(name, g); // while stopping, the stop removes it once it has seen the launch end
            stopping = closing;
            notifyAll();
        }
        if (stopping) {
            throw stopped();
        }
        return g;
    }

    /**
     * Removes one guest now. When that fails while the run goes on (libvirtd restarted under it, say), the
     * guest stays owned and its removal is tried once more when the run ends; only that failure is reported.
     */
    public void remove(LaunchedGuest g) {
        synchronized (this) {
            live.remove(g.name());
        }
        try {
            lab.remove(g);
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!closing) {
                    live.put(g.name(), g);
                    return;
                }
                failures.add(g.name() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Removes many guests at once on {@code threads} threads (the density sweep's hundreds of containers:
     * one after another, a removal's round trips to the engine add up to minutes). Failures are collected
     * as for {@link #remove}; returns when every removal has ended.
     */
    public void removeAll(List<LaunchedGuest> gs, int threads) {
        synchronized (this) {
            gs.forEach(g -> live.remove(g.name()));
        }
        if (threads <= 1 || gs.size() <= 1) {
            for (int i = gs.size() - 1; i >= 0; i--) {
                removeQuietly(gs.get(i));
            }
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hyperlab-remove");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = gs.size() - 1; i >= 0; i--) {
                LaunchedGuest g = gs.get(i);
                pool.execute(() -> removeQuietly(g));
            }
        } finally {
            pool.shutdown();
            boolean interrupted = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // a removal half-done is worse than a late exit
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops the comparison from another thread: every launch in progress is cancelled and every guest
     * made or being made is removed. Blocks until that is done (seconds).
     */
    public void cancel() {
        synchronized (this) {
            cancelled = true;
        }
        stop("compare was cancelled");
    }

    public synchronized boolean cancelled() { return cancelled; }

    /**
     * Runs once; a second caller (the shutdown hook while {@link #close} runs, or the other way round)
     * waits until the first has finished, so the JVM does not exit half-way through a removal.
     */
    private void stop(String why) {
        Map<String, Subject> wereLaunching;
        synchronized (this) {
            if (closing) {
                wereLaunching = null;
            } else {
                closing = true;
                wereLaunching = new LinkedHashMap<>(launching);
            }
        }
        if (wereLaunching == null) {
            awaitStopDone();
            return;
        }
        try {
            cancellation.cancel(why);
            removeLive(); // guests that are ready go first; the launches in progress undo themselves meanwhile
            awaitLaunches();
            removeLive(); // launches that still completed
            // Once more by name: a launch whose undo failed half-way, or that did not end in time.
            List<String> names = new ArrayList<>(wereLaunching.keySet());
            for (int i = names.size() - 1; i >= 0; i--) {
                removeQuietly(new LaunchedGuest(wereLaunching.get(names.get(i)), names.get(i), BootTimeline.empty()));
            }
        } finally {
            stopDone.countDown();
        }
    }

    private void awaitLaunches() {
        Wait stopped = Wait.upTo(launchStopWait);
        synchronized (this) {
            while (!launching.isEmpty()) {
                long left = stopped.left().toNanos();
                if (left <= 0) {
                    failures.add("launches " + launching.keySet() + " did not stop within " + launchStopWait.toSeconds()
                            + " s; removed by name");
                    launching.clear();
                    return;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void awaitStopDone() {
        boolean interrupted = false;
        while (true) {
            try {
                stopDone.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeLive() {
        List<LaunchedGuest> gs;
        synchronized (this) {
            gs = new ArrayList<>(live.values());
            live.clear();
        }
        for (int i = gs.size() - 1; i >= 0; i--) {
            removeQuietly(gs.get(i));
        }
    }

    private void removeQuietly(LaunchedGuest g) {
        try {
            lab.remove(g);
        } catch (RuntimeException e) {
            synchronized (this) {
                failures.add(g.name() + ": " + e.getMessage());
            }
        }
    }

    private HyperlabException stopped() {
        return new HyperlabException(ErrorCode.CANCELLED,
                cancelled() ? "compare was cancelled" : "compare was interrupted", null);
    }

    /** What could not be removed (complete once {@link #close} or {@link #cancel} has returned). */
    public synchronized List<String> failures() { return List.copyOf(failures); }

    @Override
    public void close() {
        stop("compare ended");
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook is running: nothing to unregister
        }
    }
}
