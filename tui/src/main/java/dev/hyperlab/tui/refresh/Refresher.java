package dev.hyperlab.tui.refresh;

import dev.hyperlab.core.error.Failures;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestSource;
import dev.hyperlab.tui.data.SourceUnavailableException;
import dev.hyperlab.tui.host.HostInfo;
import dev.hyperlab.tui.host.HostLoad;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The refresh pipeline, as in lazydocker and k9s: events and a periodic stats tick request a
 * refresh; requests are coalesced and spaced at least {@code minGap} apart; one background thread
 * fetches, reads the labs' state files, and builds an immutable {@link Snapshot}; the sink applies
 * it (on the GUI thread).
 */
public final class Refresher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Refresher.class.getName());

    private final GuestSource source;
    private final Supplier<List<LabState>> labs;
    private final Consumer<Snapshot> sink;
    private final Supplier<HostInfo> hostProbe;
    private final Duration tick;
    private final long minGapNanos;
    private final ScheduledExecutorService exec;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final SnapshotBuilder builder = new SnapshotBuilder();
    private AutoCloseable subscription;
    // Only touched on the refresh thread:
    private long lastStart = Long.MIN_VALUE / 2;
    private List<GuestRow> lastRows = List.of();
    private List<LabState> lastLabs = List.of();
    private String labProblemLogged;
    private volatile HostInfo host;
    private boolean hostProbed;

    /**
     * @param hostProbe slow probe of host facts, run once on its own thread after the first fetch
     */
    public Refresher(GuestSource source, Consumer<Snapshot> sink, Supplier<HostInfo> hostProbe,
                     Duration tick, Duration minGap) {
        this(source, List::of, sink, hostProbe, tick, minGap);
    }

    /**
     * @param labs the labs that are up, read each reload beside the fetch (local state files, no
     *             daemon): which lab each guest belongs to and its lab addresses
     */
    public Refresher(GuestSource source, Supplier<List<LabState>> labs, Consumer<Snapshot> sink,
                     Supplier<HostInfo> hostProbe, Duration tick, Duration minGap) {
        this.source = source;
        this.labs = labs;
        this.sink = sink;
        this.hostProbe = hostProbe;
        this.tick = tick;
        this.minGapNanos = minGap.toNanos();
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hyperlab-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        subscription = source.subscribe(this::requestRefresh);
        exec.scheduleWithFixedDelay(this::requestRefresh, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a reload soon; never blocks, so libvirt's event thread may call it. */
    public void requestRefresh() {
        if (!pending.compareAndSet(false, true)) {
            return; // one is queued already and will see this change too
        }
        try {
            long wait = Math.max(0, lastStart + minGapNanos - System.nanoTime());
            exec.schedule(this::reloadAndPublish, wait, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.set(false); // closing
        }
    }

    private void reloadAndPublish() {
        pending.set(false);
        lastStart = System.nanoTime();
        try {
            sink.accept(reload());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refresh failed", e); // the next tick tries again
        }
        if (!hostProbed) {
            hostProbed = true;
            // Its own thread: the engine probe can take seconds on a busy host, and stats must not wait.
            Thread t = new Thread(() -> {
                try {
                    host = hostProbe.get();
                    requestRefresh();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "host probe failed", e);
                }
            }, "hyperlab-host-probe");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Fetches and builds one snapshot on the calling thread; used by the pipeline and the benchmark. */
    public Snapshot reload() {
        long t0 = System.nanoTime();
        Optional<String> unavailable = Optional.empty();
        Optional<String> labProblem = Optional.empty();
        try {
            lastLabs = labs.get();
            labProblemLogged = null;
        } catch (RuntimeException e) { // a broken state file: keep the last labs known and say why
            labProblem = Optional.of(Failures.message("reading the labs' state", e));
            if (!labProblem.get().equals(labProblemLogged)) {
                labProblemLogged = labProblem.get();
                LOG.warning(labProblemLogged);
            }
        }
        try {
            Fetch f = source.fetch();
            lastRows = builder.rows(f, lastLabs);
            if (!f.problems().isEmpty()) {
                unavailable = Optional.of(String.join("; ", f.problems()));
            }
        } catch (SourceUnavailableException e) {
            unavailable = Optional.of(e.getMessage());
        }
        HostInfo h = host;
        if (h != null) {
            h = h.withLoad(HostLoad.read());
        }
        return new Snapshot(lastRows, unavailable, Optional.ofNullable(h), Duration.ofNanos(System.nanoTime() - t0), lastLabs,
                labProblem);
    }

    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "unsubscribe", e);
            }
        }
        exec.shutdownNow();
        try {
            exec.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
