package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestSummary;
import java.util.List;
import java.util.Map;

/**
 * One reading of every guest a source knows, taken at {@code takenAtNanos} ({@link System#nanoTime()}).
 * Immutable, so it can cross from the reload thread to the GUI thread.
 *
 * @param problems backends that did not answer while others did (their last rows are kept)
 */
public record Fetch(List<GuestSummary> guests, Map<GuestKey, GuestSample> samples, long takenAtNanos,
                    List<String> problems) {
    public Fetch {
        guests = List.copyOf(guests);
        // Not Map.copyOf: its open addressing probes long runs when keys' hashes are close, as the
        // names of a lab's guests are (web-001, web-002, ...); a HashMap spreads them.
        samples = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(samples));
        problems = List.copyOf(problems);
    }

    public Fetch(List<GuestSummary> guests, Map<GuestKey, GuestSample> samples, long takenAtNanos) {
        this(guests, samples, takenAtNanos, List.of());
    }
}
