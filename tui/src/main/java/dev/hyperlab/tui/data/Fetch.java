package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestSummary;
import java.util.List;
import java.util.Map;

/**
 * One reading of every guest a source knows, taken at {@code takenAtNanos} ({@link System#nanoTime()}).
 * Immutable, so it can cross from the reload thread to the GUI thread.
 *
 * @param problems  backends that did not answer while others did (their last rows are kept)
 * @param addresses how to reach a guest, when the same reading tells it (a VM's SSH forward); no
 *                  source asks anything per guest for it
 */
public record Fetch(List<GuestSummary> guests, Map<GuestKey, GuestSample> samples, long takenAtNanos,
                    List<String> problems, Map<GuestKey, List<GuestAddress>> addresses) {
    public Fetch {
        guests = List.copyOf(guests);
        // Not Map.copyOf: its open addressing probes long runs when keys' hashes are close, as the
        // names of a lab's guests are (web-001, web-002, ...); a HashMap spreads them.
        samples = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(samples));
        problems = List.copyOf(problems);
        addresses = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(addresses));
    }

    public Fetch(List<GuestSummary> guests, Map<GuestKey, GuestSample> samples, long takenAtNanos, List<String> problems) {
        this(guests, samples, takenAtNanos, problems, Map.of());
    }

    public Fetch(List<GuestSummary> guests, Map<GuestKey, GuestSample> samples, long takenAtNanos) {
        this(guests, samples, takenAtNanos, List.of(), Map.of());
    }
}
