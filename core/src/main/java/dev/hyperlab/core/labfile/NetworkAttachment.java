package dev.hyperlab.core.labfile;

import java.util.Optional;

/** A guest's place on a lab network: a static address from the file, or one from DHCP/IPAM. */
public record NetworkAttachment(String network, Optional<Long> address, SourceMark mark) {
    public Optional<String> addressText() {
        return address.map(Ipv4::format);
    }
}
