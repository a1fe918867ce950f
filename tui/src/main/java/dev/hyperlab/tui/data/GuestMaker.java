package dev.hyperlab.tui.data;

import dev.hyperlab.core.lab.GuestRecipe;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;

/**
 * What the create wizard asks of one kind of guest. Calls block and throw
 * {@link dev.hyperlab.core.error.HyperlabException} with a message a user can act on; they run
 * on background threads, never on the GUI thread.
 */
public interface GuestMaker {
    GuestKind kind();

    /** Refuses what create would refuse (input, name taken, image missing) without creating anything. */
    void check(GuestRecipe recipe);

    /**
     * Creates the guest, starts it and follows its boot until ready. Phases are timed from {@code t0}
     * ({@link System#nanoTime()} when the user pressed Create), so guests made together compare.
     *
     * @return the final timeline (READY reached)
     */
    BootTimeline createAndBoot(GuestRecipe recipe, long t0, Progress progress);

    /** Progress reports, from whatever thread the service reports on. */
    interface Progress {
        /** A step before the guest exists ("writing cloud-init seed", "importing ..."). */
        void step(String what);

        /** The timeline, each time a phase is reached. */
        void phase(BootTimeline timeline);

        /**
         * A console line the boot watcher read (VMs). While it watches, it holds the VM's only
         * console: a console view shows these lines instead of taking the console over.
         */
        default void console(String line) { }
    }
}
