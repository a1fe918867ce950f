package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Another host's guests as the table lists them: every name qualified with the host
 * ({@link GuestHost}), every problem prefixed with it; keys handed back are stripped again before they
 * reach that host's source and actions, which know only their own names.
 */
public final class HostGuestSource implements GuestSource, GuestActions {
    private final String host;
    private final GuestSource source;
    private final GuestActions actions;

    public HostGuestSource(String host, GuestSource source, GuestActions actions) {
        this.host = host;
        this.source = source;
        this.actions = actions;
    }

    public String host() { return host; }

    /** Whether {@code key} is one of this host's rows. */
    public boolean owns(GuestKey key) {
        return GuestHost.hostOf(key.name()).map(host::equals).orElse(false);
    }

    private GuestKey bare(GuestKey key) { return new GuestKey(key.kind(), GuestHost.nameOf(key.name())); }

    private GuestKey qualified(GuestKey key) { return new GuestKey(key.kind(), GuestHost.qualify(host, key.name())); }

    @Override
    public Fetch fetch() {
        Fetch f;
        try {
            f = source.fetch();
        } catch (SourceUnavailableException e) {
            throw new SourceUnavailableException(host + ": " + e.getMessage(), e);
        }
        List<GuestSummary> guests = new ArrayList<>(f.guests().size());
        for (GuestSummary g : f.guests()) {
            guests.add(new GuestSummary(g.kind(), GuestHost.qualify(host, g.name()), g.state(), g.vcpus(), g.memoryBytes(),
                    g.image(), g.timeline(), g.ip()));
        }
        Map<GuestKey, GuestSample> samples = new HashMap<>(f.samples().size() * 2);
        f.samples().forEach((k, v) -> samples.put(qualified(k), v));
        Map<GuestKey, List<GuestAddress>> addresses = new HashMap<>();
        f.addresses().forEach((k, v) -> addresses.put(qualified(k), v));
        return new Fetch(guests, samples, f.takenAtNanos(), f.problems().stream().map(p -> host + ": " + p).toList(), addresses);
    }

    @Override public List<Field> details(GuestKey key) {
        List<Field> out = new ArrayList<>();
        out.add(new Field("host", host));
        out.addAll(source.details(bare(key)));
        return out;
    }

    @Override public AutoCloseable subscribe(Runnable onChange) { return source.subscribe(onChange); }

    @Override public String describe() { return host; }

    @Override public void close() { source.close(); }

    @Override public void start(GuestKey key) { actions.start(bare(key)); }

    @Override public void stop(GuestKey key) { actions.stop(bare(key)); }

    @Override public void destroy(GuestKey key) { actions.destroy(bare(key)); }

    @Override public void remove(GuestKey key) { actions.remove(bare(key)); }
}
