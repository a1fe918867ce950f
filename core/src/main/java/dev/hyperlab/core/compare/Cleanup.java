package dev.hyperlab.core.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every guest a comparison made, removed in reverse order at the end, on failure, and on Ctrl-C
 * (a JVM shutdown hook). Removal errors are collected, not thrown, so one stuck guest does not keep
 * the others alive.
 */
public final class Cleanup implements AutoCloseable {
    private final GuestLab lab;
    private final Map<String, LaunchedGuest> live = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Thread hook;

    public Cleanup(GuestLab lab) {
        this.lab = lab;
        this.hook = new Thread(() -> {
            synchronized (this) {
                closing = true;
            }
            removeAll();
        }, "hyperlab-compare-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private boolean closing;

    /**
     * Tracks a new guest. After Ctrl-C started the cleanup, a guest that still got made is removed at
     * once and the caller is stopped.
     */
    public void track(LaunchedGuest g) {
        synchronized (this) {
            if (!closing) {
                live.put(g.name(), g);
                return;
            }
        }
        removeQuietly(g);
        throw new dev.hyperlab.core.error.HyperlabException(dev.hyperlab.core.error.ErrorCode.OPERATION_FAILED,
                "compare was interrupted", null);
    }

    /** Removes one guest now. */
    public void remove(LaunchedGuest g) {
        synchronized (this) {
            live.remove(g.name());
        }
        removeQuietly(g);
    }

    public void removeAll() {
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

    public synchronized List<String> failures() { return List.copyOf(failures); }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook is running: nothing to unregister
        }
    }
}
