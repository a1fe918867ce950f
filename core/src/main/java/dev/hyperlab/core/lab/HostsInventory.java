package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.hosts.HostEntry;
import dev.hyperlab.core.hosts.HostName;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.VmInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code hyperlab list --all-hosts}: the guests of every host in one table. Every host is asked at
 * once on a thread of its own, with one bulk reading each ({@code Hypervisor.allDomainStats}: no call
 * per domain, which over SSH is what makes a list of dozens of guests take minutes), and given
 * {@code budget}: a host that is down or slow becomes one problem line and never delays the others.
 * Containers belong to this machine's engine, so they are the {@code local} host's rows.
 */
public final class HostsInventory {
    /** A guest and the host it is on. */
    public record Row(String host, GuestSummary guest) {}

    /** The rows of every host that answered, and one line per host or side that did not. */
    public record Listing(List<Row> rows, List<String> problems) {}

    private HostsInventory() {}

    public static Listing list(List<HostEntry> hosts, Function<String, List<VmInfo>> vmsAt,
                               Supplier<List<GuestSummary>> containers, Duration budget) {
        Map<HostEntry, CompletableFuture<List<VmInfo>>> asked = new LinkedHashMap<>();
        for (HostEntry h : hosts) {
            // a host that hangs must not keep the process alive after the table printed
            asked.put(h, dev.hyperlab.core.wait.DaemonTask.start("list-" + h.name(), () -> vmsAt.apply(h.uri())));
        }
        CompletableFuture<List<GuestSummary>> cts = CompletableFuture.supplyAsync(containers);
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + budget.toNanos();
        for (Map.Entry<HostEntry, CompletableFuture<List<VmInfo>>> e : asked.entrySet()) {
            HostEntry h = e.getKey();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                e.getValue().get(left, TimeUnit.NANOSECONDS).forEach(v -> rows.add(new Row(h.name(), Inventory.summary(v))));
            } catch (TimeoutException te) {
                problems.add("host " + h.name() + " (" + h.uri() + "): no answer within " + budget.toSeconds() + " s");
            } catch (ExecutionException ee) {
                problems.add("host " + h.name() + " (" + h.uri() + "): " + message(ee.getCause()));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                problems.add("host " + h.name() + ": interrupted");
            }
        }
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            cts.get(left, TimeUnit.NANOSECONDS).forEach(g -> rows.add(new Row(HostName.LOCAL, g)));
        } catch (TimeoutException te) {
            problems.add("containers: the engine gave no answer within " + budget.toSeconds() + " s");
        } catch (ExecutionException ee) {
            problems.add("containers: " + message(ee.getCause()));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        List<String> order = hosts.stream().map(HostEntry::name).toList();
        rows.sort(Comparator.comparingInt((Row r) -> order.indexOf(r.host())).thenComparing(r -> r.guest().kind())
                .thenComparing(r -> r.guest().name()));
        return new Listing(List.copyOf(rows), List.copyOf(problems));
    }

    private static String message(Throwable t) {
        return t instanceof HyperlabException h ? h.userMessage() : String.valueOf(t.getMessage());
    }
}
