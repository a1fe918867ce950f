package dev.hyperlab.core.compare;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every guest a comparison made, removed in reverse order at the end, on failure, on Ctrl-C (a JVM
 * shutdown hook) and on {@link #cancel}. Removal errors are collected, not thrown, so one stuck
 * guest does not keep the others alive.
 *
 * <p>A guest is registered with {@link #launching} before its launch begins, not only when the launch
 * returns: a VM takes minutes to boot under TCG, and a cancel (or Ctrl-C) in that time must remove the
 * half-booted domain too. Removing it makes the launch itself fail, which ends the wait for it.
 */
public final class Cleanup implements AutoCloseable {
    private final GuestLab lab;
    private final Map<String, LaunchedGuest> live = new LinkedHashMap<>();
    private final Map<String, Subject> launching = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Thread hook;
    private boolean closing;
    private boolean cancelled;

    public Cleanup(GuestLab lab) {
        this.lab = lab;
        this.hook = new Thread(this::stop, "hyperlab-compare-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Registers a guest whose launch is about to begin, so that a cancel during its boot removes it.
     * Throws when the cleanup has already started: nothing new may be made then.
     */
    public void launching(Subject kind, String name) {
        synchronized (this) {
            if (!closing) {
                launching.put(name, kind);
                return;
            }
        }
        throw stopped();
    }

    /**
     * Tracks a launched guest. After a cancel or Ctrl-C started the cleanup, a guest that still got
     * made is removed at once and the caller is stopped.
     */
    public void track(LaunchedGuest g) {
        synchronized (this) {
            launching.remove(g.name());
            if (!closing) {
                live.put(g.name(), g);
                return;
            }
        }
        removeQuietly(g);
        throw stopped();
    }

    /** Removes one guest now. */
    public void remove(LaunchedGuest g) {
        synchronized (this) {
            live.remove(g.name());
        }
        removeQuietly(g);
    }

    /**
     * Stops the comparison from another thread: every guest made or being made is removed now, and
     * any launch that still completes is removed when it is tracked. Blocks while removing.
     */
    public void cancel() {
        synchronized (this) {
            cancelled = true;
        }
        stop();
    }

    public synchronized boolean cancelled() { return cancelled; }

    private void stop() {
        synchronized (this) {
            closing = true;
        }
        removeAll();
    }

    public void removeAll() {
        List<LaunchedGuest> gs;
        synchronized (this) {
            gs = new ArrayList<>(live.values());
            live.clear();
            // Launches that failed already removed what they made (GuestLab's contract); removing
            // again is idempotent, and covers a launch that is still going.
            launching.forEach((name, kind) -> gs.add(new LaunchedGuest(kind, name, dev.hyperlab.core.model.BootTimeline.empty())));
            launching.clear();
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
        return new HyperlabException(ErrorCode.OPERATION_FAILED,
                cancelled() ? "compare was cancelled" : "compare was interrupted", null);
    }

    public synchronized List<String> failures() { return List.copyOf(failures); }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook is running: nothing to unregister
        }
    }
}
