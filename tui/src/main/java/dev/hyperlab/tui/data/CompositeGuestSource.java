package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * VMs from one source and containers from another in one table. Each side is fetched on its own
 * thread with a time budget, so one side that hangs (an engine restarting, whose socket accepts
 * but does not answer) never stalls the other. A side that is down or late is a problem shown
 * beside the other side's rows; its last known rows stay, marked unknown, with no counters, so
 * nothing stale looks live. Only both down makes the whole source unavailable. A side going down
 * or coming back is logged once, not once a tick.
 */
public final class CompositeGuestSource implements GuestSource, GuestActions {
    private static final Logger LOG = Logger.getLogger(CompositeGuestSource.class.getName());
    /** How long a tick waits for one side before it shows that side's last rows as unknown. */
    static final Duration BUDGET = Duration.ofSeconds(2);

    private final Map<GuestKind, GuestSource> sources;
    private final Map<GuestKind, GuestActions> actions;
    private final Map<GuestKind, ExecutorService> fetchers = new EnumMap<>(GuestKind.class);
    /** Touched by the one reload thread only: */
    private final Map<GuestKind, Fetch> last = new EnumMap<>(GuestKind.class);
    private final Map<GuestKind, Future<Fetch>> inFlight = new EnumMap<>(GuestKind.class);
    private final Map<GuestKind, String> down = new EnumMap<>(GuestKind.class);

    /** Listing and actions may come from different places (a source and a lab over the same service). */
    public CompositeGuestSource(GuestSource vms, GuestActions vmActions, GuestSource containers,
                                GuestActions containerActions) {
        sources = new EnumMap<>(Map.of(GuestKind.VM, vms, GuestKind.CONTAINER, containers));
        actions = new EnumMap<>(Map.of(GuestKind.VM, vmActions, GuestKind.CONTAINER, containerActions));
        for (GuestKind k : sources.keySet()) {
            fetchers.put(k, Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "hyperlab-fetch-" + k.shortName());
                t.setDaemon(true);
                return t;
            }));
        }
    }

    @Override
    public synchronized Fetch fetch() {
        // Both sides start at once; each is then awaited within the same budget.
        for (Map.Entry<GuestKind, GuestSource> e : sources.entrySet()) {
            Future<Fetch> f = inFlight.get(e.getKey());
            if (f == null || f.isDone()) { // a side still busy with an earlier tick is not asked twice
                inFlight.put(e.getKey(), fetchers.get(e.getKey()).submit(e.getValue()::fetch));
            }
        }
        long deadline = System.nanoTime() + BUDGET.toNanos();
        List<GuestSummary> guests = new ArrayList<>();
        Map<GuestKey, GuestSample> samples = new HashMap<>();
        Map<GuestKey, List<GuestAddress>> addresses = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (GuestKind kind : sources.keySet()) {
            String problem = null;
            try {
                Fetch f = inFlight.get(kind).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                last.put(kind, f);
                guests.addAll(f.guests());
                samples.putAll(f.samples());
                addresses.putAll(f.addresses());
                problems.addAll(f.problems());
            } catch (TimeoutException e) {
                problem = sources.get(kind).describe() + ": not answering";
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                problem = c instanceof SourceUnavailableException ? c.getMessage()
                        : sources.get(kind).describe() + ": " + firstLine(c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = sources.get(kind).describe() + ": interrupted";
            }
            if (problem != null) {
                problems.add(problem);
                Fetch stale = last.get(kind);
                if (stale != null) { // shown, but not as live: state unknown, no counters
                    stale.guests().forEach(g -> guests.add(new GuestSummary(g.kind(), g.name(), GuestState.UNKNOWN,
                            g.vcpus(), g.memoryBytes(), g.image(), g.timeline(), g.ip())));
                }
            }
            noteState(kind, problem);
        }
        if (down.size() == sources.size() && guests.isEmpty()) {
            throw new SourceUnavailableException(String.join("; ", problems), null);
        }
        return new Fetch(guests, samples, System.nanoTime(), problems, addresses);
    }

    /** Logs a side going down or coming back, once per change (not once a tick). */
    private void noteState(GuestKind kind, String problem) {
        String before = down.get(kind);
        if (problem == null) {
            if (before != null) {
                down.remove(kind);
                LOG.info(sources.get(kind).describe() + " answers again");
            }
        } else if (before == null) {
            down.put(kind, problem);
            LOG.warning(problem);
        } else {
            down.put(kind, problem);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
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
        fetchers.values().forEach(ExecutorService::shutdownNow);
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
