package dev.hyperlab.tui.images;

import dev.hyperlab.images.Progress;
import java.util.Optional;

/**
 * A long image operation (build, pull, import) as the view shows it; immutable, replaced on every
 * progress event.
 *
 * @param title     "pull ubuntu-24.04"
 * @param startNanos when it began, on the session's clock (the view ticks elapsed time from it)
 * @param endNanos  when it ended, 0 while running
 * @param progress  the last event, empty before the first
 * @param message   the outcome once ended: a summary, or the error
 */
public record ImageTask(String title, long startNanos, long endNanos, Optional<Progress> progress, State state,
                        String message) {
    public enum State { RUNNING, DONE, FAILED }

    static ImageTask started(String title, long now) {
        return new ImageTask(title, now, 0, Optional.empty(), State.RUNNING, "");
    }

    ImageTask with(Progress p) { return new ImageTask(title, startNanos, endNanos, Optional.of(p), state, message); }

    ImageTask ended(State s, String msg, long now) { return new ImageTask(title, startNanos, now, progress, s, msg); }

    public boolean running() { return state == State.RUNNING; }
}
