package dev.hyperlab.core.vm;

import java.time.Duration;
import java.util.Optional;

/**
 * One domain's row in a bulk reading ({@link Hypervisor#allDomainStats()}): what {@link VmInfo}
 * holds, plus how long it has run when the host can tell on its own clock.
 *
 * @param uptime since the domain's process started (host clock); empty when stopped or unknown
 */
public record DomainStats(VmInfo info, Optional<Duration> uptime) {
    public String name() { return info.name(); }
}
