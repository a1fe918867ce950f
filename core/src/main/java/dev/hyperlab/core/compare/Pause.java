package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.Cancellation;
import java.time.Duration;

/** Waiting that a cancellation ends early: the settle and merge times of {@link VmLevers}; tests pass their own. */
@FunctionalInterface
public interface Pause {
    /** Waits {@code d}; throws CANCELLED as soon as {@code cancel} is cancelled. */
    void pause(Duration d, Cancellation cancel);

    /** Sleeps in steps of at most 200 ms, looking at the token between them. */
    Pause SLEEP = (d, cancel) -> {
        long end = System.nanoTime() + d.toNanos();
        while (true) {
            cancel.check("waiting");
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(200, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancel.cancelled("waiting (interrupted)");
            }
        }
    };
}
