package dev.hyperlab.tui.data.lab;

import dev.hyperlab.core.container.ContainerUsage;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.ContainerInfo;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.ReconnectPolicy;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestActions;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSample;
import dev.hyperlab.tui.data.GuestSource;
import dev.hyperlab.tui.data.SourceUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Containers through {@link ContainerService}, with the engine's CPU time and uptime of each
 * running one. The engine's event stream is not wired yet, so
 * changes show on the next one-second tick. A lost engine is reconnected with the same
 * backoff policy as libvirt.
 * Calls are serialized: the service's client is used by one thread at a time.
 */
public final class ContainerGuestSource implements GuestSource, GuestActions {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private final Supplier<ContainerService> connector;
    private final String label;
    private static final ReconnectPolicy POLICY = ReconnectPolicy.DEFAULT;
    private ContainerService service;
    private int failures;
    private long nextAttempt;
    private String lastProblem = "";

    public ContainerGuestSource(Supplier<ContainerService> connector, String label) {
        this.connector = connector;
        this.label = label;
    }

    @Override public String describe() { return label; }

    /**
     * The rows, and for each running container the engine's reading of its CPU time and uptime
     * (one statistics call each): the refresh pipeline makes the CPU % from two readings, as for VMs.
     */
    @Override
    public synchronized Fetch fetch() {
        return call(s -> {
            List<GuestSummary> guests = s.list();
            Map<GuestKey, GuestSample> samples = new HashMap<>();
            for (GuestSummary g : guests) {
                Optional<ContainerUsage> u = g.state() == GuestState.RUNNING ? s.engine().usage(g.name()) : Optional.empty();
                samples.put(new GuestKey(GuestKind.CONTAINER, g.name()), u
                        .map(x -> new GuestSample(x.cpuTimeNanos(), Optional.of(x.uptime())))
                        .orElse(new GuestSample(-1, Optional.empty())));
            }
            return new Fetch(guests, samples, System.nanoTime());
        });
    }

    @Override
    public synchronized List<Field> details(GuestKey key) {
        ContainerInfo i = call(s -> s.info(key.name()));
        return List.of(new Field("id", i.details().id().substring(0, Math.min(12, i.details().id().length()))),
                new Field("mode", i.mode().toString().toLowerCase(java.util.Locale.ROOT)),
                new Field("status", i.details().status()),
                new Field("engine image", i.details().image()),
                new Field("instance", i.instanceId()));
    }

    @Override public synchronized void start(GuestKey key) { call(s -> s.start(key.name(), false, START_TIMEOUT)); }

    @Override public synchronized void stop(GuestKey key) { call(s -> { s.stop(key.name()); return null; }); }

    /** SIGKILL at once: a stop with no grace period. */
    @Override
    public synchronized void destroy(GuestKey key) {
        call(s -> {
            ContainerInfo i = s.info(key.name()); // refuses containers hyperlab did not make
            s.engine().stop(i.details().id(), Duration.ZERO);
            return null;
        });
    }

    @Override public synchronized void remove(GuestKey key) { call(s -> { s.remove(key.name()); return null; }); }

    @Override public AutoCloseable subscribe(Runnable onChange) { return () -> { }; }

    @Override
    public synchronized void close() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    /**
     * The engine through {@link ReconnectPolicy#DEFAULT}, as libvirt is: after a failure the next
     * attempt waits for the policy's delay (a tick meanwhile says "reconnecting" without knocking),
     * and a working connection resets it.
     */
    private <T> T call(java.util.function.Function<ContainerService, T> op) {
        if (service == null) {
            long now = System.nanoTime();
            if (failures > 0 && now < nextAttempt) {
                throw new SourceUnavailableException(reconnecting(lastProblem), null);
            }
            try {
                service = connector.get();
            } catch (HyperlabException e) {
                failed(e.userMessage());
                throw new SourceUnavailableException(reconnecting(e.userMessage()), e);
            }
        }
        try {
            T t = op.apply(service);
            failures = 0;
            return t;
        } catch (HyperlabException e) {
            if (e.code() == ErrorCode.UNAVAILABLE) {
                close();
                failed(e.userMessage());
                throw new SourceUnavailableException(reconnecting(e.userMessage()), e);
            }
            throw e;
        }
    }

    private void failed(String why) {
        failures++;
        lastProblem = why;
        nextAttempt = System.nanoTime() + POLICY.delayAfter(failures).toNanos();
    }

    private String reconnecting(String why) { return label + ": reconnecting… (" + why + ")"; }
}
