package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestSummary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * VMs from one source and containers from another in one table. One side being down is a
 * problem shown beside the other side's rows (its last known rows are kept); only both down
 * makes the whole source unavailable.
 */
public final class CompositeGuestSource implements GuestSource, GuestActions {
    private final Map<GuestKind, GuestSource> sources;
    private final Map<GuestKind, GuestActions> actions;
    /** Last good fetch per kind; touched by the one reload thread. */
    private final Map<GuestKind, Fetch> last = new EnumMap<>(GuestKind.class);

    /** Listing and actions may come from different places: VMs are listed by libvirt directly, acted on through core.lab. */
    public CompositeGuestSource(GuestSource vms, GuestActions vmActions, GuestSource containers,
                                GuestActions containerActions) {
        sources = new EnumMap<>(Map.of(GuestKind.VM, vms, GuestKind.CONTAINER, containers));
        actions = new EnumMap<>(Map.of(GuestKind.VM, vmActions, GuestKind.CONTAINER, containerActions));
    }

    @Override
    public synchronized Fetch fetch() {
        List<GuestSummary> guests = new ArrayList<>();
        Map<GuestKey, GuestSample> samples = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<GuestKind, GuestSource> e : sources.entrySet()) {
            Fetch f;
            try {
                f = e.getValue().fetch();
                last.put(e.getKey(), f);
            } catch (SourceUnavailableException ex) {
                problems.add(ex.getMessage());
                f = last.get(e.getKey());
            }
            if (f != null) {
                guests.addAll(f.guests());
                samples.putAll(f.samples());
            }
        }
        if (problems.size() == sources.size()) {
            throw new SourceUnavailableException(String.join("; ", problems), null);
        }
        return new Fetch(guests, samples, System.nanoTime(), problems);
    }

    @Override public List<Field> details(GuestKey key) { return sources.get(key.kind()).details(key); }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        List<AutoCloseable> subs = new ArrayList<>();
        for (GuestSource s : sources.values()) {
            subs.add(s.subscribe(onChange));
        }
        return () -> {
            for (AutoCloseable c : subs) {
                c.close();
            }
        };
    }

    @Override
    public String describe() {
        return sources.values().stream().map(GuestSource::describe).collect(Collectors.joining(" + "));
    }

    @Override public void start(GuestKey key) { actions.get(key.kind()).start(key); }

    @Override public void stop(GuestKey key) { actions.get(key.kind()).stop(key); }

    @Override public void destroy(GuestKey key) { actions.get(key.kind()).destroy(key); }

    @Override public void remove(GuestKey key) { actions.get(key.kind()).remove(key); }

    @Override
    public void close() {
        RuntimeException first = null;
        for (GuestSource s : sources.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

}
