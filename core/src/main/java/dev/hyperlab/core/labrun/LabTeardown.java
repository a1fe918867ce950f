package dev.hyperlab.core.labrun;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.vm.LabNetworkInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hyperlab down}: removes everything a lab's {@code up} made: its port forwarder first (with its
 * pid file and log), then the guests (with their volumes, seeds, logs and directories), then the engine's and libvirt's networks, found by the lab's
 * label, then the state file. Works after an interrupted {@code up} too: the state names every guest
 * before it is made. Idempotent.
 */
public final class LabTeardown {
    private final VmService vms;
    private final java.util.function.Supplier<ContainerService> containers;
    private final LabStates states;
    private final LabForwards forwards;

    /** @param containers asked for only when the lab has containers, or when the engine answers */
    public LabTeardown(VmService vms, java.util.function.Supplier<ContainerService> containers, LabStates states,
                       LabForwards forwards) {
        this.vms = vms;
        this.containers = containers;
        this.states = states;
        this.forwards = forwards;
    }

    /** Returns what was removed, one line each ("vm web", "network hl-lab-lan"). */
    public List<String> down(String lab) {
        Optional<LabState> st = states.find(lab);
        List<String> removed = new ArrayList<>();
        List<String> guests = st.map(s -> new ArrayList<>(s.guests().keySet())).orElse(new ArrayList<>());
        java.util.Collections.reverse(guests); // dependants before what they depend on
        List<RuntimeException> errors = new ArrayList<>();
        try {
            forwards.stop(lab).forEach(pid -> removed.add("port forwarder (pid " + pid + ")"));
        } catch (RuntimeException e) {
            errors.add(e);
        }
        Optional<ContainerService> engine = LabEngine.ifNeeded(containers,
                st.map(s -> s.guests().values().stream().anyMatch(g -> !g.kind().equals("vm"))).orElse(false));
        for (String g : guests) {
            String kind = st.get().guests().get(g).kind();
            try {
                if (kind.equals("vm")) {
                    if (vms.hypervisor().find(g).isPresent()) {
                        vms.remove(g, true);
                        removed.add("vm " + g);
                    } else {
                        vms.purge(g); // an up killed mid-create: the volumes may be there without a domain
                    }
                } else if (engine.isPresent() && engine.get().engine().inspect(g).isPresent()) {
                    engine.get().remove(g, true);
                    removed.add(kind + " container " + g);
                }
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        for (String n : engine.map(c -> c.engine().networks(Map.of(LabRunner.LAB_LABEL, lab))).orElse(List.of())) {
            try {
                engine.get().engine().removeNetwork(n);
                removed.add("engine network " + n);
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        for (LabNetworkInfo n : vms.hypervisor().labNetworks()) {
            if (n.lab().equals(lab)) {
                try {
                    vms.hypervisor().removeNetwork(n.name());
                    removed.add("network " + n.name() + " (bridge " + n.bridge() + ")");
                } catch (RuntimeException e) {
                    errors.add(e);
                }
            }
        }
        if (!errors.isEmpty()) {
            HyperlabException e = new HyperlabException(ErrorCode.OPERATION_FAILED, "removing lab " + lab + " left "
                    + errors.size() + " thing(s): " + errors.get(0).getMessage(), "try 'hyperlab down' again, then 'hyperlab gc'");
            errors.forEach(e::addSuppressed);
            throw e;
        }
        if (st.isEmpty() && removed.isEmpty()) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "no lab named '" + lab + "' is up", "try 'hyperlab labs'");
        }
        states.remove(lab);
        return removed;
    }
}
