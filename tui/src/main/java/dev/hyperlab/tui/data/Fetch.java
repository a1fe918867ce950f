package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestSummary;
import java.util.List;
import java.util.Map;

/**
 * One reading of every guest a source knows, taken at {@code takenAtNanos} ({@link System#nanoTime()}).
 * Immutable, so it can cross from the reload thread to the GUI thread.
 */
public record Fetch(List<GuestSummary> guests, Map<GuestKey, GuestSample> samples, long takenAtNanos) {
    public Fetch {
        guests = List.copyOf(guests);
        samples = Map.copyOf(samples);
    }
}
