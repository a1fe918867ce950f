package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text and JSON-ready forms of {@link GuestSummary} rows, shared by `ct list` and the combined
 * `hyperlab list` (VM and container rows print the same columns).
 */
public final class GuestSummaries {
    private static final String FORMAT = "%-4s %-24s %-9s %4s %7s %-28s %s";

    private GuestSummaries() {}

    public static List<String> table(List<GuestSummary> rows) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, FORMAT, "KIND", "NAME", "STATE", "CPUS", "MEMORY", "IMAGE", "READY"));
        for (GuestSummary g : rows) {
            out.add(String.format(Locale.ROOT, FORMAT, g.kind().shortName(), g.name(), g.state().label(), g.vcpus(),
                    Sizes.compact(g.memoryBytes()), g.image(),
                    g.timeline().timeToReady().map(GuestSummaries::seconds).orElse("-")));
        }
        return out;
    }

    /** As {@link #table}, with the host of each row first ({@code list --all-hosts}). */
    public static List<String> tableWithHosts(List<HostsInventory.Row> rows) {
        int width = Math.max(4, rows.stream().mapToInt(r -> r.host().length()).max().orElse(4));
        List<String> out = new ArrayList<>();
        List<String> plain = table(rows.stream().map(HostsInventory.Row::guest).toList());
        out.add(String.format(Locale.ROOT, "%-" + width + "s %s", "HOST", plain.get(0)));
        for (int i = 0; i < rows.size(); i++) {
            out.add(String.format(Locale.ROOT, "%-" + width + "s %s", rows.get(i).host(), plain.get(i + 1)));
        }
        return out;
    }

    /** A map for JSON: kind, name, state, vcpus, memoryBytes, image, ip, timeline {phase: millis}. */
    public static Map<String, Object> toMap(GuestSummary g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", g.kind().shortName());
        m.put("name", g.name());
        m.put("state", g.state().label());
        m.put("vcpus", g.vcpus());
        m.put("memoryBytes", g.memoryBytes());
        m.put("image", g.image());
        m.put("ip", g.ip().orElse(null));
        m.put("timelineMillis", timelineMillis(g.timeline()));
        return m;
    }

    /** Each phase's label with its offset in milliseconds, in phase order: the JSON both kinds print. */
    public static Map<String, Long> timelineMillis(BootTimeline tl) {
        Map<String, Long> out = new LinkedHashMap<>();
        tl.asMap().forEach((p, d) -> out.put(p.label(), d.toMillis()));
        return out;
    }

    /** e.g. "created 0.052s  started 0.301s  init 0.350s  ready 1.912s" */
    public static String timelineText(BootTimeline tl) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Phase, Duration> e : tl.asMap().entrySet()) {
            sb.append(sb.length() == 0 ? "" : "  ").append(e.getKey().label()).append(' ').append(seconds(e.getValue()));
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3fs", d.toNanos() / 1e9);
    }
}
