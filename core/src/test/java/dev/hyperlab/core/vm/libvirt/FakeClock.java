package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.model.ReconnectPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock whose sleeps return at once and move its time on; records them. */
final class FakeClock implements ReconnectPolicy.Clock {
    private long now = 1_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override public synchronized long nanoTime() { return now; }

    @Override public synchronized void sleep(Duration d) {
        sleeps.add(d);
        now += d.toNanos();
    }

    synchronized List<Duration> sleeps() { return List.copyOf(sleeps); }
}
