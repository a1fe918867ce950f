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
import dev.hyperlab.core.model.GuestState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The containers an engine reports, as the test lists them; only listing, inspecting, usage,
 * removing, exec and networks are answered, every call that changes something is recorded. Used
 * by core's checks and by the TUI's container rows (through core's test-jar).
 */
public final class ListedEngine implements ContainerEngine {
    public final Map<String, ContainerDetails> byName = new ConcurrentSkipListMap<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ContainerUsage> usage = new ConcurrentHashMap<>();
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

    @Override public void createNetwork(EngineNetwork n) {
        calls.add("createNetwork " + n.name());
        networks.put(n.name(), n);
    }

    @Override public void removeNetwork(String name) {
        calls.add("removeNetwork " + name);
        networks.remove(name);
    }

    @Override public List<String> networks(Map<String, String> labels) {
        return networks.values().stream().filter(n -> n.labels().entrySet().containsAll(labels.entrySet()))
                .map(EngineNetwork::name).sorted().toList();
    }

    @Override public Optional<ContainerDetails> inspect(String n) {
        return byName.values().stream().filter(d -> d.name().equals(n) || d.id().equals(n)).findFirst();
    }

    @Override public Optional<ContainerUsage> usage(String n) {
        return inspect(n).filter(d -> d.state() == GuestState.RUNNING).map(d -> usage.get(d.name()));
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

    @Override public void remove(String id) { calls.add("remove " + id); byName.values().removeIf(d -> d.id().equals(id)); }
    @Override public ExecResult exec(String id, List<String> cmd, Duration t) { calls.add("exec " + id); return new ExecResult(0, "", ""); }
    @Override public EngineInfo info() { return new EngineInfo("fake", "0", "0", "runc", "unix:///fake.sock", "v1", 2, 1L << 30); }
    @Override public boolean imageExists(String ref) { throw new UnsupportedOperationException(); }
    @Override public void importRootfs(Path tar, String ref) { throw new UnsupportedOperationException(); }
    @Override public String create(ContainerSpec spec) { throw new UnsupportedOperationException(); }
    @Override public void start(String id) { throw new UnsupportedOperationException(); }
    @Override public void stop(String id, Duration t) { throw new UnsupportedOperationException(); }
    @Override public ContainerDiskSizes diskSizes(String id) { throw new UnsupportedOperationException(); }
    @Override public LogStream logs(String id, boolean f, Consumer<String> l) { throw new UnsupportedOperationException(); }
    @Override public int waitForExit(String id, Duration t) { throw new UnsupportedOperationException(); }
    @Override public void close() { }
}
