package dev.hyperlab.core.labrun;

import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.model.GuestState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code hyperlab status}: each guest of a lab with its kind, state, addresses, ports and time to
 * ready. The state is {@code ready} for a running guest that became ready in its {@code up}; its ports
 * are forwarded while the lab's forwarder runs and serves them.
 */
public final class LabStatus {
    /**
     * One row; the JSON of {@code status --json} has exactly these fields.
     *
     * @param ports          {@code 127.0.0.1:2222:22} each
     * @param portsForwarded whether the lab's forwarder serves every one of them (null when there are none)
     * @param template       for a VM made as an instant clone: its template, else null
     */
    public record Row(String name, String kind, String state, Map<String, String> addresses, List<String> ports,
                      Boolean portsForwarded, Double readySeconds, String template) {}

    public record Lab(String lab, List<Row> guests) {}

    private final VmService vms;
    private final java.util.function.Supplier<ContainerService> containers;
    private final LabForwards forwards;

    public LabStatus(VmService vms, java.util.function.Supplier<ContainerService> containers, LabForwards forwards) {
        this.vms = vms;
        this.containers = containers;
        this.forwards = forwards;
    }

    public Lab of(LabState st) {
        List<Row> rows = new ArrayList<>();
        Map<LabForwards.Forward, Boolean> served = forwards.served(st);
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
            List<String> ports = LabForwards.ports(g).stream().map(Object::toString).toList();
            Boolean forwarded = ports.isEmpty() ? null : served.entrySet().stream()
                    .filter(e -> e.getKey().guest().equals(name)).allMatch(Map.Entry::getValue);
            rows.add(new Row(name, g.kind(), state, g.addresses(), ports, forwarded, g.readySeconds(), g.spec().get("template")));
        });
        return new Lab(st.lab(), rows);
    }
}
