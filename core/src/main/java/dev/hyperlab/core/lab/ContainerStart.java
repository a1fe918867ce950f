package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * How {@link ContainerService#createAndStart} starts a container: whether it waits for READY and for
 * how long, the clock reading the user's command began at (else now), who hears the steps and the
 * phases as they are reached, and the token that cancels it. Built from {@link #waitingUpTo} or
 * {@link #notWaiting}, with what a caller needs added: one request instead of four overloads.
 *
 * @param t0 the nano-clock reading the timeline counts from; empty: when the create begins
 */
public record ContainerStart(boolean waitReady, Duration timeout, OptionalLong t0, Consumer<String> progress,
                             Consumer<BootTimeline> phases, Cancellation cancel) {
    /** Waits for READY, up to {@code timeout}. */
    public static ContainerStart waitingUpTo(Duration timeout) {
        return new ContainerStart(true, timeout, OptionalLong.empty(), s -> { }, t -> { }, Cancellation.NONE);
    }

    /** Starts it and returns; {@code timeout} is still how long a later wait may take. */
    public static ContainerStart notWaiting(Duration timeout) {
        return new ContainerStart(false, timeout, OptionalLong.empty(), s -> { }, t -> { }, Cancellation.NONE);
    }

    /** Waits for READY when {@code wait}. */
    public ContainerStart waiting(boolean wait) {
        return new ContainerStart(wait, timeout, t0, progress, phases, cancel);
    }

    /** Timed from {@code nanos}, when the user's command began. */
    public ContainerStart from(long nanos) {
        return new ContainerStart(waitReady, timeout, OptionalLong.of(nanos), progress, phases, cancel);
    }

    /** The create's steps, as one-line messages. */
    public ContainerStart reporting(Consumer<String> steps) {
        return new ContainerStart(waitReady, timeout, t0, steps, phases, cancel);
    }

    /** The timeline each time a phase is reached (created, started, init, ready), on the calling thread. */
    public ContainerStart phases(Consumer<BootTimeline> onPhase) {
        return new ContainerStart(waitReady, timeout, t0, progress, onPhase, cancel);
    }

    /**
     * Cancellable: the token is checked before the container is made, after it is made and while its
     * readiness is awaited; when cancelled, the container and its directory are removed before
     * {@code CANCELLED} is thrown.
     */
    public ContainerStart cancelledBy(Cancellation token) {
        return new ContainerStart(waitReady, timeout, t0, progress, phases, token);
    }
}
