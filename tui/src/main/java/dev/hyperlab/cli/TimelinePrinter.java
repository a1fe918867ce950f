package dev.hyperlab.cli;

import dev.hyperlab.core.lab.GuestSummaries;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * How the CLI prints a boot timeline, for {@code vm} and {@code ct} alike. Two layouts, each as its
 * command has always printed it: scripts read both.
 */
final class TimelinePrinter {
    private TimelinePrinter() {}

    /** A phase a line, with the time since the previous one and what defined ready ({@code vm create|start|info}). */
    static void table(PrintWriter out, BootTimeline t) {
        if (t.asMap().isEmpty()) {
            out.println("boot timeline: none recorded (start with --wait to record one)");
            return;
        }
        out.println("boot timeline (host clock, from the command start):");
        Duration prev = Duration.ZERO;
        for (Map.Entry<Phase, Duration> e : t.asMap().entrySet()) {
            out.printf("  %-8s %8.1f s  (+%.1f s)%n", e.getKey().label(), e.getValue().toMillis() / 1000.0,
                    e.getValue().minus(prev).toMillis() / 1000.0);
            prev = e.getValue();
        }
        t.readyBy().ifPresent(r -> out.println("  ready by " + r.description()));
    }

    /** One line, e.g. {@code created 0.052s  started 0.301s  ready 1.912s} ({@code ct create|start --wait}). */
    static void line(PrintWriter out, BootTimeline t) {
        out.println(GuestSummaries.timelineText(t));
    }
}
