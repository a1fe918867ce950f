package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Subject;
import java.util.List;

/** Live progress of a comparison, for the CLI and the TUI. Called on the runner's threads. */
public interface CompareListener {
    /** What the report will state (accelerator, host, versions), known before the first guest starts. */
    default void meta(ReportMeta meta) {}

    default void step(String message) {}

    /** Guests of these kinds are being started at this moment, side by side (see {@link BootRace}). */
    default void raceStarted(List<Subject> kinds) {}

    /** A guest reached a new boot phase; for one guest, calls come in phase order. */
    default void boot(Subject kind, int run, BootTimeline timeline) {}

    CompareListener NONE = new CompareListener() {};
}
