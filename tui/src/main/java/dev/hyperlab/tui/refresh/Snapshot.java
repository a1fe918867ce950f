package dev.hyperlab.tui.refresh;

import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.tui.host.HostInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the main view shows, built off the GUI thread and applied on it in one step.
 *
 * @param rows        every guest, sorted by kind then name
 * @param unavailable why the backend does not answer (the rows are then the last ones known)
 * @param host        host facts, once probed
 * @param fetchTime   how long the fetch took
 * @param labs        the labs that are up (their state files), by name; the last ones read when
 *                    reading failed
 * @param labProblem  why the labs' state could not be read this time
 */
public record Snapshot(List<GuestRow> rows, Optional<String> unavailable, Optional<HostInfo> host,
                       Duration fetchTime, List<LabState> labs, Optional<String> labProblem) {
    public Snapshot {
        rows = List.copyOf(rows);
        labs = List.copyOf(labs);
    }

    public Snapshot(List<GuestRow> rows, Optional<String> unavailable, Optional<HostInfo> host, Duration fetchTime) {
        this(rows, unavailable, host, fetchTime, List.of(), Optional.empty());
    }
}
