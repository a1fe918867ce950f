package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.wait.Wait;
import java.time.Duration;

/** Waiting that a cancellation ends early: the settle and merge times of {@link VmLevers}; tests pass their own. */
@FunctionalInterface
public interface Pause {
    /** Waits {@code d}; throws CANCELLED as soon as {@code cancel} is cancelled. */
    void pause(Duration d, Cancellation cancel);

    /** Sleeps in steps of at most 200 ms, looking at the token between them ({@link Wait#poll}). */
    Pause SLEEP = (d, cancel) -> {
        try {
            Wait.upTo(d, System::nanoTime, cancel, "waiting").poll(Duration.ofMillis(200), () -> false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancel.cancelled("waiting (interrupted)");
        }
    };
}
