package dev.hyperlab.tui.labs;

import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labrun.LabRunner;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.model.Cancellation;
import java.util.List;

/**
 * What the labs view works on: the lab files it finds, the labs that are up, and {@code up} and
 * {@code down} as the commands run them. {@link CoreLabsBackend} is the real one. Every method may
 * block; none is called on the GUI thread.
 */
public interface LabsBackend {
    /** Where lab files are looked for, for the view's header. */
    String location();

    /** The directory hyperlab was started in: files there are shown by their name alone. */
    java.nio.file.Path workDir();

    /** The lab files found, parsed (or with why not); reads files. */
    List<LabFileEntry> files();

    /** The labs that are up, from their state files; local and cheap: the refresh reads it every tick. */
    List<LabState> states();

    /**
     * Brings {@code lab} up as {@code hyperlab up -f FILE} does, telling {@code board} where each guest
     * has got to; returns when every guest is ready, failed or skipped. A cancelled up stops starting
     * guests, and a guest being made undoes itself; what is up stays, named in the lab's state.
     */
    List<LabRunner.Outcome> up(LabFile lab, LabRunner.Board board, Cancellation cancel);

    /** Removes everything the lab's up made, as {@code hyperlab down --lab NAME}; returns what, one line each. */
    List<String> down(String lab);
}
