package dev.hyperlab.core.lab;

import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.container.ContainerDiskSizes;
import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.container.ContainerSpec;
import dev.hyperlab.core.container.ContainerUsage;
import dev.hyperlab.core.container.EngineInfo;
import dev.hyperlab.core.container.EngineNetwork;
import dev.hyperlab.core.container.ExecResult;
import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory {@link ContainerEngine}: the books of an engine (images, containers and their states,
 * labels and limits, networks) without a process. It keeps the port's bookkeeping promises
 * ({@code ListedEngineContractTest} runs {@code ContainerEngineContract} on it; what a container's
 * process does is checked on Podman only). Tests list containers into it ({@link #add}), set what their
 * usage reads ({@link #use}), and read every call that changed something in {@link #calls}. Used by
 * core's checks and by the TUI's container rows (through core's test-jar).
 *
 * <p>Nothing runs: a started container runs until it is stopped, prints nothing, and an exec in it
 * succeeds with no output (core's checks only look at the exit code).
 */
public final class ListedEngine implements ContainerEngine {
    public final Map<String, ContainerDetails> byName = new ConcurrentSkipListMap<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ContainerUsage> usage = new ConcurrentHashMap<>();
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    /** Image references and their sizes. */
    public final Map<String, Long> images = new ConcurrentHashMap<>();
    public final Map<String, EngineNetwork> networks = new ConcurrentSkipListMap<>();

    /** A container named {@code name}; {@code managed} gives it hyperlab's label. */
    public void add(String name, GuestState state, boolean managed) {
        byName.put(name, new ContainerDetails("0".repeat(64 - name.length()) + name, name, "img", state,
                state.label(), managed ? Map.of(ContainerLabels.MANAGED, "true") : Map.of(), 0, 0, 0, Optional.empty()));
    }

    /** What the engine reads for {@code name} from now on, while it is running. */
    public void use(String name, long cpuTimeNanos, Duration uptime) {
        usage.put(name, new ContainerUsage(cpuTimeNanos, uptime));
    }

    @Override public EngineInfo info() {
        // It stands in for Podman, the engine hyperlab sets up; the version says what it is.
        return new EngineInfo("podman", "0.0.0-in-memory", "1.41", "in-memory", "unix:///in-memory.sock", "v2", 2, 1L << 30);
    }

    @Override public boolean imageExists(String ref) { return images.containsKey(ref); }

    @Override public void importRootfs(Path rootfsTar, String ref) {
        calls.add("importRootfs " + ref);
        try {
            images.put(ref, Files.size(rootfsTar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public synchronized String create(ContainerSpec spec) {
        if (!images.containsKey(spec.image())) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "creating container " + spec.name() + " failed: image "
                    + spec.image() + " not found", "import it first");
        }
        if (byName.containsKey(spec.name())) {
            throw new HyperlabException(ErrorCode.CONFLICT, "the container name \"" + spec.name() + "\" is already in use",
                    "remove it first");
        }
        calls.add("create " + spec.name());
        String id = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        byName.put(spec.name(), new ContainerDetails(id, spec.name(), spec.image(), GuestState.STOPPED, "created",
                Map.copyOf(spec.labels()), spec.nanoCpus(), spec.memoryBytes(), 0, Optional.empty()));
        return id;
    }

    @Override public void start(String idOrName) {
        ContainerDetails d = required(idOrName);
        calls.add("start " + d.name());
        startedAt.put(d.name(), System.nanoTime());
        byName.put(d.name(), with(d, GuestState.RUNNING, "running", Optional.empty()));
    }

    @Override public void stop(String idOrName, Duration timeout) {
        ContainerDetails d = required(idOrName);
        calls.add("stop " + d.name());
        if (d.state() == GuestState.RUNNING) {
            startedAt.remove(d.name());
            byName.put(d.name(), with(d, GuestState.STOPPED, "exited", Optional.of(143))); // its SIGTERM
        }
    }

    @Override public void remove(String idOrName) {
        calls.add("remove " + idOrName);
        inspect(idOrName).ifPresent(d -> {
            byName.remove(d.name());
            startedAt.remove(d.name());
        });
    }

    @Override public Optional<ContainerDetails> inspect(String n) {
        return byName.values().stream().filter(d -> d.name().equals(n) || d.id().equals(n)).findFirst();
    }

    @Override public ContainerDiskSizes diskSizes(String idOrName) {
        return new ContainerDiskSizes(images.getOrDefault(required(idOrName).image(), 0L), 0);
    }

    /** What {@link #use} set, else no CPU time (nothing runs) and the time since its start. */
    @Override public Optional<ContainerUsage> usage(String n) {
        return inspect(n).filter(d -> d.state() == GuestState.RUNNING).map(d -> usage.getOrDefault(d.name(),
                new ContainerUsage(0, Duration.ofNanos(System.nanoTime() - startedAt.getOrDefault(d.name(), System.nanoTime())))));
    }

    @Override public List<ContainerDetails> list(Map<String, String> labels) {
        List<ContainerDetails> out = new ArrayList<>();
        for (ContainerDetails d : byName.values()) {
            if (d.labels().entrySet().containsAll(labels.entrySet())) {
                out.add(d);
            }
        }
        return out;
    }

    @Override public ExecResult exec(String id, List<String> cmd, Duration t) {
        calls.add("exec " + id);
        return new ExecResult(0, "", "");
    }

    /** Nothing runs, so nothing was printed; following ends when the container stops or the stream is closed. */
    @Override public LogStream logs(String idOrName, boolean follow, Consumer<String> lines) {
        String name = required(idOrName).name();
        return new LogStream() {
            private volatile boolean closed;

            @Override public void awaitEnd() throws InterruptedException {
                while (follow && !closed && inspect(name).filter(d -> d.state() == GuestState.RUNNING).isPresent()) {
                    Thread.sleep(10);
                }
            }

            @Override public void close() { closed = true; }
        };
    }

    /** A started container runs until it is stopped (nothing runs to exit on its own). */
    @Override public int waitForExit(String idOrName, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            ContainerDetails d = required(idOrName);
            if (d.state() != GuestState.RUNNING) {
                return d.exitCode().orElse(0);
            }
            if (System.nanoTime() > end) {
                throw new HyperlabException(ErrorCode.TIMEOUT, "container " + d.name() + " did not exit in " + timeout, null);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "waiting for " + d.name() + " interrupted", null, e);
            }
        }
    }

    @Override public void createNetwork(EngineNetwork n) {
        if (networks.putIfAbsent(n.name(), n) != null) {
            throw new HyperlabException(ErrorCode.CONFLICT, "network " + n.name() + " exists already", null);
        }
        calls.add("createNetwork " + n.name());
    }

    @Override public void removeNetwork(String name) {
        calls.add("removeNetwork " + name);
        networks.remove(name);
    }

    @Override public List<String> networks(Map<String, String> labels) {
        return networks.values().stream().filter(n -> n.labels().entrySet().containsAll(labels.entrySet()))
                .map(EngineNetwork::name).sorted().toList();
    }

    @Override public void close() { }

    private ContainerDetails required(String idOrName) {
        return inspect(idOrName).orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND, "no such container: "
                + idOrName, "try `hyperlab ct list`"));
    }

    private static ContainerDetails with(ContainerDetails d, GuestState state, String status, Optional<Integer> exit) {
        return new ContainerDetails(d.id(), d.name(), d.image(), state, status, d.labels(), d.nanoCpus(), d.memoryBytes(),
                0, exit);
    }
}
