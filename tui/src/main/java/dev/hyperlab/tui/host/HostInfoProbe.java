package dev.hyperlab.tui.host;

import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.host.HostFacts;
import dev.hyperlab.core.host.KvmFacts;
import dev.hyperlab.core.lab.Wiring;
import java.nio.file.Path;
import java.util.Optional;

/** Builds the header facts from the doctor's probes; slow (it asks libvirt and the engine), so run once, off the GUI thread. */
public final class HostInfoProbe {
    private HostInfoProbe() {}

    public static HostInfo probe(Wiring wiring) {
        return fromFacts(wiring.hostFacts(), HostLoad.read());
    }

    /** As {@link #probe(Wiring)} for libvirt at {@code libvirtUri}, the discovered engine and {@code dataDir}. */
    public static HostInfo probe(String libvirtUri, Path dataDir) {
        return probe(new Wiring(libvirtUri, Wiring.discoveredEngines(), dataDir));
    }

    static HostInfo fromFacts(HostFacts f, HostLoad load) {
        AcceleratorDecision d = AcceleratorDecision.decide(f.kvm());
        Optional<String> engine = f.engine().reachable()
                ? Optional.of(f.engine().engine().replace(" Engine", "") + " " + f.engine().version())
                : Optional.empty();
        return new HostInfo(d.accelerator().name(), shortReason(f.kvm()), f.libvirt().libvirtVersion(),
                f.libvirt().hypervisorVersion(), engine, load);
    }

    /** The same decision as {@link AcceleratorDecision}, in the few words a header has room for. */
    static String shortReason(KvmFacts k) {
        if (!k.devicePresent()) {
            return "no /dev/kvm";
        }
        if (k.openError().isPresent()) {
            return "/dev/kvm not openable";
        }
        if (k.apiVersion() != KvmFacts.STABLE_API_VERSION) {
            return "KVM API " + k.apiVersion();
        }
        return k.cpuVirtFlag() ? "hardware virt" : "CPU lacks vmx/svm";
    }
}
