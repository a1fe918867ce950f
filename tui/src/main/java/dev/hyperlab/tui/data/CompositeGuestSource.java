package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import java.time.Duration;
import java.util.ArrayList;
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
 * Guests from several sides in one table: VMs of each libvirt host and containers. Each side is
 * fetched on its own thread with a time budget, so one side that hangs (an engine restarting, whose socket accepts
 * but does not answer) never stalls the other. A side that is down or late is a problem shown
 * beside the other sides' rows; its last known rows stay, marked unknown, with no counters, so
 * nothing stale looks live. Only every side down makes the whole source unavailable. A side going down
 * or coming back is logged once, not once a tick.
 */
public final class CompositeGuestSource implements GuestSource, GuestActions {
    private static final Logger LOG = Logger.getLogger(CompositeGuestSource.class.getName());
    /** How long a tick waits for one side before it shows that side's last rows as unknown. */
    static final Duration BUDGET = Duration.ofSeconds(2);

    /**
     * One side of the table: where its rows come from, what acts on them, and which keys are its.
     * Listing and actions may come from different places (a source and a lab over the same service).
     */
    public record Side(String id, GuestSource source, GuestActions actions, java.util.function.Predicate<GuestKey> owns) {}

    private final List<Side> sides;
    private final Map<String, ExecutorService> fetchers = new java.util.LinkedHashMap<>();
    /** Touched by the one reload thread only: */
    private final Map<String, Fetch> last = new HashMap<>();
    private final Map<String, Future<Fetch>> inFlight = new HashMap<>();
    private final Map<String, String> down = new HashMap<>();

    /** The VMs of one host and the containers. */
    public CompositeGuestSource(GuestSource vms, GuestActions vmActions, GuestSource containers,
                                GuestActions containerActions) {
        this(List.of(new Side("vm", vms, vmActions, k -> k.kind() == GuestKind.VM),
                new Side("ct", containers, containerActions, k -> k.kind() == GuestKind.CONTAINER)));
    }

    /** Sides in the order their rows are listed; a key belongs to the first side that owns it. */
    public CompositeGuestSource(List<Side> sides) {
        this.sides = List.copyOf(sides);
        for (Side side : this.sides) {
            fetchers.put(side.id(), Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "hyperlab-fetch-" + side.id());
                t.setDaemon(true);
                return t;
            }));
        }
    }

    private Side sideOf(GuestKey key) {
        return sides.stream().filter(s -> s.owns().test(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no side lists " + key));
    }

    @Override
    public synchronized Fetch fetch() {
        // Both sides start at once; each is then awaited within the same budget.
        for (Side side : sides) {
            Future<Fetch> f = inFlight.get(side.id());
            if (f == null || f.isDone()) { // a side still busy with an earlier tick is not asked twice
                inFlight.put(side.id(), fetchers.get(side.id()).submit(side.source()::fetch));
            }
        }
        long deadline = System.nanoTime() + BUDGET.toNanos();
        List<GuestSummary> guests = new ArrayList<>();
        Map<GuestKey, GuestSample> samples = new HashMap<>();
        Map<GuestKey, List<GuestAddress>> addresses = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Side side : sides) {
            String kind = side.id();
            GuestSource source = side.source();
            String problem = null;
            try {
                Fetch f = inFlight.get(kind).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                last.put(kind, f);
                guests.addAll(f.guests());
                samples.putAll(f.samples());
                addresses.putAll(f.addresses());
                problems.addAll(f.problems());
            } catch (TimeoutException e) {
                problem = source.describe() + ": not answering";
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                problem = c instanceof SourceUnavailableException ? c.getMessage()
                        : source.describe() + ": " + firstLine(c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = source.describe() + ": interrupted";
            }
            if (problem != null) {
                problems.add(problem);
                Fetch stale = last.get(kind);
                if (stale != null) { // shown, but not as live: state unknown, no counters
                    stale.guests().forEach(g -> guests.add(new GuestSummary(g.kind(), g.name(), GuestState.UNKNOWN,
                            g.vcpus(), g.memoryBytes(), g.image(), g.timeline(), g.ip())));
                }
            }
            noteState(side, problem);
        }
        if (down.size() == sides.size() && guests.isEmpty()) {
            throw new SourceUnavailableException(String.join("; ", problems), null);
        }
        return new Fetch(guests, samples, System.nanoTime(), problems, addresses);
    }

    /** Logs a side going down or coming back, once per change (not once a tick). */
    private void noteState(Side side, String problem) {
        String kind = side.id();
        String before = down.get(kind);
        if (problem == null) {
            if (before != null) {
                down.remove(kind);
                LOG.info(side.source().describe() + " answers again");
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

    @Override public List<Field> details(GuestKey key) { return sideOf(key).source().details(key); }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        List<AutoCloseable> subs = new ArrayList<>();
        for (Side s : sides) {
            subs.add(s.source().subscribe(onChange));
        }
        return () -> {
            for (AutoCloseable c : subs) {
                c.close();
            }
        };
    }

    @Override
    public String describe() {
        return sides.stream().map(s -> s.source().describe()).collect(Collectors.joining(" + "));
    }

    @Override public void start(GuestKey key) { sideOf(key).actions().start(key); }

    @Override public void stop(GuestKey key) { sideOf(key).actions().stop(key); }

    @Override public void destroy(GuestKey key) { sideOf(key).actions().destroy(key); }

    @Override public void remove(GuestKey key) { sideOf(key).actions().remove(key); }

    @Override
    public void close() {
        fetchers.values().forEach(ExecutorService::shutdownNow);
        RuntimeException first = null;
        for (Side side : sides) {
            try {
                side.source().close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

}
