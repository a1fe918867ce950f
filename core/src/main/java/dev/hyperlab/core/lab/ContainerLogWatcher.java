package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.Phase;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reads a container's log lines as they arrive and stamps, on the host clock, when init first spoke
 * and when the readiness line appeared. Called on the engine's log thread; read with the monitor.
 */
final class ContainerLogWatcher {
    private final LongSupplier clock;
    private final String readyLine; // null for app containers: any output is READY
    private final EnumMap<Phase, Long> seen = new EnumMap<>(Phase.class);
    private final Deque<String> tail = new ArrayDeque<>();

    ContainerLogWatcher(LongSupplier clock, String readyLine) {
        this.clock = clock;
        this.readyLine = readyLine;
    }

    synchronized void line(String line) {
        long now = clock.getAsLong();
        seen.putIfAbsent(Phase.INIT, now);
        if (readyLine == null || line.contains(readyLine)) {
            seen.putIfAbsent(Phase.READY, now);
            notifyAll();
        }
        tail.addLast(line);
        if (tail.size() > 20) {
            tail.removeFirst();
        }
    }

    synchronized void ready(long now) {
        seen.putIfAbsent(Phase.READY, now);
        notifyAll();
    }

    synchronized Map<Phase, Long> seen() { return new EnumMap<>(seen); }

    synchronized boolean isReady() { return seen.containsKey(Phase.READY); }

    /** Waits up to {@code millis} for READY; returns whether it came. */
    synchronized boolean awaitReady(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!seen.containsKey(Phase.READY)) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized List<String> tail() { return List.copyOf(tail); }
}
