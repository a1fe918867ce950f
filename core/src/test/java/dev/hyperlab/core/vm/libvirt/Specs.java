package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
import java.time.Instant;
import java.util.Optional;

/** Domain specs for tests. */
final class Specs {
    private Specs() {}

    static DomainSpec spec(String name, DomainType type, NetworkSpec net, boolean kernel) {
        return new DomainSpec(name, type, 2, 1L << 30, "/var/lib/hyperlab/pool/" + name + ".qcow2",
                Optional.of("/var/lib/hyperlab/pool/" + name + "-seed.iso"),
                kernel ? Optional.of("/var/lib/hyperlab/images/x/vmlinuz") : Optional.empty(),
                kernel ? Optional.of("/var/lib/hyperlab/images/x/initrd.img") : Optional.empty(),
                kernel ? Optional.of("root=/dev/vda console=ttyS0 <&'\">") : Optional.empty(),
                net, "/var/lib/hyperlab/logs/" + name + "-console.log",
                new HyperlabLabel("debian-12", Instant.parse("2026-11-22T01:00:00Z"), "iid-" + name,
                        "hyperlab", name + ".qcow2", name + "-seed.iso", "/var/lib/hyperlab/logs/" + name + "-console.log"));
    }
}
