package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.BootTimeline;

/** Live progress of a comparison, for the CLI and the TUI. Called on the runner's thread. */
public interface CompareListener {
    default void step(String message) {}

    default void boot(Subject kind, int run, BootTimeline timeline) {}

    CompareListener NONE = new CompareListener() {};
}
