package dev.hyperlab.tui.refresh;

import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.tui.data.GuestKey;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One guest as the table shows it: the summary plus what the pipeline derived from two samples.
 *
 * @param cpuPercent CPU use since the previous sample, in percent of one core (a busy 2-vCPU guest
 *                   shows 200); empty on the first sample or when the guest does not run
 */
public record GuestRow(GuestSummary summary, OptionalDouble cpuPercent, Optional<Duration> uptime) {
    public GuestKey key() { return new GuestKey(summary.kind(), summary.name()); }
}
