package dev.hyperlab.tui.refresh;

import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.tui.data.GuestAddress;
import dev.hyperlab.tui.data.GuestKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One guest as the table shows it: the summary plus what the pipeline derived from two samples,
 * and where the guest belongs.
 *
 * @param cpuPercent CPU use since the previous sample, in percent of one core (a busy 2-vCPU guest
 *                   shows 200); empty on the first sample or when the guest does not run
 * @param lab        the lab whose state names this guest (kind and name), if any
 * @param addresses  its lab addresses, then what the listing knows (a VM's SSH forward)
 */
public record GuestRow(GuestSummary summary, OptionalDouble cpuPercent, Optional<Duration> uptime, Optional<String> lab,
                       List<GuestAddress> addresses) {
    public GuestRow {
        addresses = List.copyOf(addresses);
    }

    public GuestRow(GuestSummary summary, OptionalDouble cpuPercent, Optional<Duration> uptime) {
        this(summary, cpuPercent, uptime, Optional.empty(), List.of());
    }

    public GuestKey key() { return new GuestKey(summary.kind(), summary.name()); }

    /** The same row with another summary (a live boot's timeline). */
    public GuestRow withSummary(GuestSummary s) { return new GuestRow(s, cpuPercent, uptime, lab, addresses); }
}
