package dev.hyperlab.core.labrun;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.labfile.HostLabFacts;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabFileChecks;
import dev.hyperlab.core.labfile.LabGuest;
import dev.hyperlab.core.labfile.LabHostFacts;
import dev.hyperlab.core.labfile.LabNetwork;
import dev.hyperlab.core.labfile.NetworkAttachment;
import dev.hyperlab.core.labfile.Subnet;
import dev.hyperlab.core.vm.Hypervisor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What {@code up} checks before it makes anything, and the subnets it will use: the lab file's own
 * checks against this host (less the lab's own bridges), what this version does not make yet, and
 * every guest name against guests outside the lab and other labs.
 */
final class LabPreflight {
    /** Every lab with a state file, this one included: read once for all the checks. */
    private final List<LabState> labs;
    private final Predicate<String> images;
    private final Supplier<ContainerService> containers;
    private final java.util.function.Function<String, Optional<LabHostFacts.TemplateSizes>> templates;

    /** @param templates a template's sizes by name, asked only for a lab with clones (empty: no such template) */
    LabPreflight(LabStates states, Predicate<String> images, Supplier<ContainerService> containers,
                 java.util.function.Function<String, Optional<LabHostFacts.TemplateSizes>> templates) {
        this.labs = states.all();
        this.images = images;
        this.containers = containers;
        this.templates = templates;
    }

    /**
     * Throws the first problem; makes nothing.
     *
     * @param ownPorts host ports this lab's own forwarder listens on: not "in use", since up keeps or restarts it
     */
    void check(LabFile lab, LabState prior, Hypervisor hv, java.util.Set<Integer> ownPorts) {
        LabFileChecks.check(lab, ownFacts(prior, ownPorts));
        refuseUnsupported(lab);
        refuseTakenNames(lab, prior, hv);
    }

    /** Each network's subnet: as written, else the one an earlier up picked, else a free /24. */
    Map<String, Subnet> subnets(LabFile lab, LabState prior) {
        List<Subnet> taken = new ArrayList<>(new HostLabFacts(images, Map::of).routedSubnets());
        for (LabState other : labs) {
            if (!other.lab().equals(lab.name())) {
                other.networks().values().forEach(n -> Subnet.parse(n.subnet()).ifPresent(taken::add));
            }
        }
        lab.networks().values().forEach(n -> n.subnet().ifPresent(taken::add));
        Map<String, Subnet> out = new LinkedHashMap<>();
        for (LabNetwork n : lab.networks().values()) {
            Optional<Subnet> s = n.subnet();
            if (s.isEmpty() && prior != null && prior.networks().containsKey(n.name())) {
                s = Subnet.parse(prior.networks().get(n.name()).subnet());
            }
            if (s.isEmpty()) {
                s = SubnetPicker.pick(taken);
                s.ifPresent(taken::add);
            }
            out.put(n.name(), s.orElseThrow(() -> HyperlabException.badInput("no free /24 left in 192.168.150-250.0 for lab network "
                    + n.name(), "try writing a subnet for it")));
        }
        return out;
    }

    /** The host's facts, less this lab's own bridges: a second up must not find its own subnets "routed". */
    private LabHostFacts ownFacts(LabState prior, java.util.Set<Integer> ownPorts) {
        Map<Subnet, String> others = new HashMap<>();
        for (LabState other : labs) {
            other.networks().values().forEach(n -> Subnet.parse(n.subnet()).ifPresent(s -> others.put(s, other.lab())));
        }
        HostLabFacts host = new HostLabFacts(images, () -> others);
        List<Subnet> own = new ArrayList<>();
        if (prior != null) {
            prior.networks().values().forEach(n -> Subnet.parse(n.subnet()).ifPresent(own::add));
        }
        return new LabHostFacts() {
            @Override public boolean hasImage(String image) { return host.hasImage(image); }

            @Override public List<Subnet> routedSubnets() {
                return host.routedSubnets().stream().filter(r -> own.stream().noneMatch(r::equals)).toList();
            }

            @Override public Map<Subnet, String> otherLabSubnets() { return host.otherLabSubnets(); }

            @Override public boolean portInUse(String address, int port) {
                return !ownPorts.contains(port) && host.portInUse(address, port);
            }

            @Override public Optional<TemplateSizes> template(String name) { return templates.apply(name); }
        };
    }

    /** What the file may say that this version does not make yet: refused whole, before anything is made. */
    private static void refuseUnsupported(LabFile lab) {
        for (LabGuest g : lab.guests()) {
            String where = lab.source().getFileName() + ": guests." + g.group() + ".ports: ";
            if (g.ports().stream().anyMatch(p -> !p.protocol().equals("tcp"))) {
                throw HyperlabException.badInput(where + "udp forwards are not made yet", "try tcp ports only");
            }
            if (!g.ports().isEmpty() && g.kind() == dev.hyperlab.core.labfile.LabGuestKind.VM && g.networks().isEmpty()) {
                throw HyperlabException.badInput(where + "a VM's ports are forwarded to its lab address, and " + g.group()
                        + " is on no lab network", "try networks: [NET] for " + g.group());
            }
            if (g.kind().isContainer() && g.networks().size() > 1) {
                throw HyperlabException.badInput(lab.source().getFileName() + ": guests." + g.group() + ".networks: a "
                        + "container joins one lab network for now", "try one network for " + g.group());
            }
        }
    }

    /** Every guest name must be free, or this lab's own: never another lab's or a guest made outside a lab. */
    private void refuseTakenNames(LabFile lab, LabState prior, Hypervisor hv) {
        // Names are one space for VMs and containers; a lab of VMs on a host whose engine is down
        // cannot ask it, and has no container to clash with one it makes.
        Optional<ContainerService> engine = LabEngine.ifNeeded(containers,
                lab.guests().stream().anyMatch(g -> g.kind().isContainer()));
        Map<String, String> otherLabs = new HashMap<>();
        for (LabState other : labs) {
            if (!other.lab().equals(lab.name())) {
                other.guests().keySet().forEach(n -> otherLabs.put(n, other.lab()));
            }
        }
        for (LabGuest g : lab.guests()) {
            if (otherLabs.containsKey(g.name())) {
                throw new HyperlabException(ErrorCode.CONFLICT, "guest name '" + g.name() + "' is used by lab '"
                        + otherLabs.get(g.name()) + "'", "try another name in " + lab.source().getFileName());
            }
            boolean ours = prior != null && prior.guests().containsKey(g.name());
            boolean vm = hv.find(g.name()).isPresent();
            boolean ct = engine.map(c -> c.engine().inspect(g.name()).isPresent()).orElse(false);
            if (!ours && (vm || ct)) {
                throw new HyperlabException(ErrorCode.CONFLICT, "guest name '" + g.name() + "' is taken by a "
                        + (vm ? "VM" : "container") + " outside this lab", "try another name in "
                        + lab.source().getFileName() + ", or remove that guest");
            }
            for (NetworkAttachment a : g.networks()) {
                if (!lab.networks().containsKey(a.network())) {
                    throw new IllegalStateException("parsed lab file with an unknown network: " + a.network());
                }
            }
        }
    }
}
