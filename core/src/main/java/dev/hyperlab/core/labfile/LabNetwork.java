package dev.hyperlab.core.labfile;

import java.util.Locale;
import java.util.Optional;

/**
 * One L2 segment of a lab that VMs and containers share. Without a subnet, hyperlab picks a free one
 * when the lab comes up. {@link Mode#NAT} lets guests reach out through the host; {@link
 * Mode#ISOLATED} keeps the segment to its guests and the host.
 */
public record LabNetwork(String name, Optional<Subnet> subnet, Mode mode, SourceMark mark) {
    public enum Mode {
        NAT, ISOLATED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
