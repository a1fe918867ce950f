package dev.hyperlab.core.host;

import dev.hyperlab.core.model.Sizes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code doctor --host NAME}: the checks that can be made of a host through libvirt alone. The local
 * doctor also reads /dev/kvm, the CPU flags, the engine and the disk of this machine; none of that
 * says anything about another host, so those checks are replaced by what its libvirt tells, and the
 * features that stay on this machine say so. Pure: no I/O.
 */
public final class RemoteDoctor {
    private RemoteDoctor() {}

    public static List<Check> diagnose(String hostName, LibvirtHostFacts f, String hint) {
        List<Check> checks = new ArrayList<>();
        LibvirtFacts l = f.libvirt();
        if (!l.reachable()) {
            checks.add(Check.fail("libvirt", hostName + " (" + l.uri() + ") unreachable: " + l.error().orElse(""), hint));
            return checks;
        }
        checks.add(Check.ok("libvirt", hostName + " (" + l.uri() + "): " + f.hostname() + ", libvirt "
                + l.libvirtVersion().orElse("?") + ", hypervisor " + l.hypervisorVersion().orElse("?")));
        checks.add(f.kvm()
                ? Check.ok("accelerator", "kvm: the host's capabilities offer KVM guests")
                : Check.warn("accelerator", "tcg: the host's capabilities offer no KVM guests; guests run emulated",
                        "load kvm_intel or kvm_amd on that host; a live migration between a KVM and a TCG host is refused"));
        checks.add(Check.ok("resources", f.cpus() + " CPUs, " + Sizes.human(f.memoryBytes()) + " memory"));
        checks.add(f.pool().map(p -> p.active()
                        ? Check.ok("storage pool", p.name() + " at " + p.path() + ": " + Sizes.human(p.availableBytes())
                                + " free of " + Sizes.human(p.capacityBytes()))
                        : Check.warn("storage pool", p.name() + " at " + p.path() + " is defined but not active",
                                "the next 'vm create --host " + hostName + "' starts it"))
                .orElse(Check.ok("storage pool", "none yet: the first 'vm create --host " + hostName
                        + "' makes pool 'hyperlab' there and uploads the image once")));
        checks.add(Check.ok("local-only", "containers, isolation probes and the image store stay on this machine; "
                + "another host's engine is reached with CONTAINER_HOST=ssh://…"));
        return checks;
    }
}
