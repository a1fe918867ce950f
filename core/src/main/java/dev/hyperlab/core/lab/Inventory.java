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

    public static GuestSummary summary(VmInfo v) {
        return new GuestSummary(GuestKind.VM, v.name(), v.state(), v.vcpus(), v.memoryBytes(),
                v.label().map(HyperlabLabel::image).orElse("-"), v.timeline(), Optional.empty());
    }
}
