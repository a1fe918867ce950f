package dev.hyperlab.core.labrun;

import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.model.GuestState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code hyperlab status}: each guest of a lab with its kind, state, addresses and time to ready.
 * The state is {@code ready} for a running guest that became ready in its {@code up}.
 */
public final class LabStatus {
    /** One row; the JSON of {@code status --json} has exactly these fields. */
    public record Row(String name, String kind, String state, Map<String, String> addresses, List<String> ports,
                      Double readySeconds) {}

    public record Lab(String lab, List<Row> guests) {}

    private final VmService vms;
    private final java.util.function.Supplier<ContainerService> containers;

    public LabStatus(VmService vms, java.util.function.Supplier<ContainerService> containers) {
        this.vms = vms;
        this.containers = containers;
    }

    public Lab of(LabState st) {
        List<Row> rows = new ArrayList<>();
        java.util.Optional<ContainerService> engine = LabEngine.ifNeeded(containers,
                st.guests().values().stream().anyMatch(g -> !g.kind().equals("vm")));
        st.guests().forEach((name, g) -> {
            String state;
            if (g.kind().equals("vm")) {
                state = vms.hypervisor().find(name).map(v -> v.isRunning() ? (g.readySeconds() != null ? "ready" : "running")
                        : v.state().label()).orElse("missing");
            } else {
                state = engine.get().engine().inspect(name).map(d -> d.state() == GuestState.RUNNING
                        ? (g.readySeconds() != null ? "ready" : "running") : d.state().label()).orElse("missing");
            }
            rows.add(new Row(name, g.kind(), state, g.addresses(), portsOf(g), g.readySeconds()));
        });
        return new Lab(st.lab(), rows);
    }

    private static List<String> portsOf(LabState.Guest g) {
        String p = g.spec().getOrDefault("ports", "[]");
        return p.equals("[]") ? List.of() : List.of(p.substring(1, p.length() - 1).split(", "));
    }
}
