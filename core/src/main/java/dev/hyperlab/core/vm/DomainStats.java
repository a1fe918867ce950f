package dev.hyperlab.core.vm;

import java.time.Duration;
import java.util.Optional;

/**
 * One domain's row in a bulk reading ({@link Hypervisor#allDomainStats()}): what {@link VmInfo}
 * holds, plus how long it has run when the host can tell on its own clock, and the loopback port
 * forwarded to its SSH when it has a user-mode NIC (read with its metadata, once per domain).
 *
 * @param uptime  since the domain's process started (host clock); empty when stopped or unknown
 * @param sshPort the port on 127.0.0.1 forwarded to the guest's port 22; empty without one, or when
 *                the driver does not keep QEMU's command line (the test driver drops it)
 */
public record DomainStats(VmInfo info, Optional<Duration> uptime, Optional<Integer> sshPort) {
    public DomainStats(VmInfo info, Optional<Duration> uptime) {
        this(info, uptime, Optional.empty());
    }

    public String name() { return info.name(); }
}
