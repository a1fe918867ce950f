package dev.hyperlab.core.labrun;

import dev.hyperlab.core.labfile.Subnet;
import java.util.Collection;
import java.util.Optional;

/**
 * Picks a free /24 for a lab network written without a subnet: the first of 192.168.150.0/24 to
 * 192.168.250.0/24 that overlaps nothing the host routes and nothing another network holds. The
 * range starts above the 192.168.0-149 blocks home routers and libvirt's default (122) use.
 */
public final class SubnetPicker {
    static final int FIRST = 150;
    static final int LAST = 250;

    private SubnetPicker() {}

    public static Optional<Subnet> pick(Collection<Subnet> taken) {
        for (int third = FIRST; third <= LAST; third++) {
            Subnet candidate = new Subnet((192L << 24) | (168L << 16) | ((long) third << 8), 24);
            if (taken.stream().noneMatch(candidate::overlaps)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
