package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.VmInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * VMs and containers in one list, the way {@code hyperlab list} and the TUI show them.
 *
 * <p>Each side is asked separately: when libvirtd is down the containers still show, and the
 * problem is reported beside the rows instead of hiding them.
 */
public final class Inventory {
    /** The rows, plus one message per side that could not be asked. */
    public record Listing(List<GuestSummary> guests, List<String> problems) {}

    private Inventory() {}

    public static Listing list(Supplier<List<VmInfo>> vms, Supplier<List<GuestSummary>> containers) {
        List<GuestSummary> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            vms.get().forEach(v -> rows.add(summary(v)));
        } catch (HyperlabException e) {
            problems.add("VMs: " + e.userMessage());
        }
        try {
            rows.addAll(containers.get());
        } catch (HyperlabException e) {
            problems.add("containers: " + e.userMessage());
        }
        rows.sort(Comparator.comparing(GuestSummary::kind).thenComparing(GuestSummary::name));
        return new Listing(List.copyOf(rows), List.copyOf(problems));
    }

    /**
     * The VMs at {@code libvirtUri}, asked on a connection opened and closed for the purpose, with
     * the same bulk reading as the TUI's list ({@code Hypervisor.allDomainStats}).
     */
    public static Supplier<List<VmInfo>> vmsAt(String libvirtUri) {
        return () -> {
            try (VmService vms = VmServices.openDefault(libvirtUri)) {
                return vms.hypervisor().allDomainStats().stream().map(dev.hyperlab.core.vm.DomainStats::info)
                        .sorted(Comparator.comparing(VmInfo::name)).toList();
            }
        };
    }

    /** The containers of the discovered engine, asked the same way. */
    public static Supplier<List<GuestSummary>> containers() {
        return () -> {
            try (ContainerService cts = ContainerService.connect()) {
                return cts.list();
            }
        };
    }

    public static GuestSummary summary(VmInfo v) {
        return new GuestSummary(GuestKind.VM, v.name(), v.state(), v.vcpus(), v.memoryBytes(),
                v.label().map(HyperlabLabel::image).orElse("-"), v.timeline(), Optional.empty());
    }
}
