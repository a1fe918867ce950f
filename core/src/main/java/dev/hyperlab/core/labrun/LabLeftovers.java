package dev.hyperlab.core.labrun;

import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.LabNetworkInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lab part of {@code gc}: networks (libvirt's and the engine's) labelled with a lab that has no
 * state file any more, and port forwarders (processes, pid files, logs) of such labs, which only a crash between {@code down}'s steps, or a state file removed by
 * hand, leaves. A lab that is up keeps its networks; {@code prefix} limits the scan to labs whose
 * name starts with it.
 */
public final class LabLeftovers {
    private final LabStates states;
    private final Hypervisor hv;
    private final Optional<ContainerEngine> engine;
    private final LabForwards forwards;

    public LabLeftovers(LabStates states, Hypervisor hv, Optional<ContainerEngine> engine, LabForwards forwards) {
        this.states = states;
        this.hv = hv;
        this.engine = engine;
        this.forwards = forwards;
    }

    public List<VmService.Leftover> scan(boolean dryRun, String prefix) {
        Set<String> up = states.all().stream().map(LabState::lab).collect(Collectors.toSet());
        List<VmService.Leftover> out = new ArrayList<>(forwards.leftovers(up, prefix, dryRun));
        if (engine.isPresent()) {
            for (String n : engine.get().networks(Map.of())) {
                // The engine lists every network; only a lab's carry the label, read through a one-label query.
                for (String lab : labsOf(n)) {
                    if (!up.contains(lab) && lab.startsWith(prefix)) {
                        if (!dryRun) {
                            engine.get().removeNetwork(n);
                        }
                        out.add(new VmService.Leftover("net", n, "engine network of lab " + lab + ", which is not up", !dryRun));
                    }
                }
            }
        }
        for (LabNetworkInfo n : hv.labNetworks()) {
            if (!up.contains(n.lab()) && n.lab().startsWith(prefix)) {
                if (!dryRun) {
                    hv.removeNetwork(n.name());
                }
                out.add(new VmService.Leftover("net", n.name(), "libvirt network of lab " + n.lab() + ", which is not up", !dryRun));
            }
        }
        return out;
    }

    private List<String> labsOf(String network) {
        // A lab network is named hl-LAB-NET: ask for the label value that name implies, so a network
        // without the label (a user's own) is never taken for a lab's.
        if (!network.startsWith("hl-")) {
            return List.of();
        }
        List<String> labs = new ArrayList<>();
        String rest = network.substring(3);
        for (int i = rest.indexOf('-'); i > 0; i = rest.indexOf('-', i + 1)) {
            String lab = rest.substring(0, i);
            if (engine.get().networks(Map.of(LabRunner.LAB_LABEL, lab)).contains(network)) {
                labs.add(lab);
            }
        }
        return labs;
    }
}
