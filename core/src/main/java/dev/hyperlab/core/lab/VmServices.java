package dev.hyperlab.core.lab;

import dev.hyperlab.core.host.Accelerator;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.host.linux.KvmProbe;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.libvirt.LibvirtHypervisor;
import java.net.URI;
import java.nio.file.Path;

/** Builds a {@link VmService} over libvirt at a URI; {@link Wiring} decides with what. */
public final class VmServices {
    private VmServices() {}

    /** {@code uri} null: LIBVIRT_DEFAULT_URI, else qemu:///system. */
    public static VmService open(String uri, Path dataDir, ImageResolver images, SeedMaker seeds) {
        Hypervisor hv = LibvirtHypervisor.connect(uri);
        return new VmService(hv, images, seeds, dataDir, System::nanoTime, () -> domainType(hv));
    }

    /** The service as the CLI uses it: {@link Wiring#vms()} with this process's settings. */
    public static VmService openDefault(String uri) {
        return Wiring.fromEnvironment(uri).vms();
    }

    /**
     * As {@link #openDefault}, but a libvirtd that is down now is no error: the adapter starts
     * disconnected and connects in the background (the TUI starts while the daemon is away).
     */
    public static VmService openDefaultEventually(String uri) {
        return Wiring.fromEnvironment(uri).vmsEventually();
    }

    /** As {@link #open}, but a libvirtd that is down now is no error: the adapter connects when it can. */
    public static VmService openEventually(String uri, Path dataDir, ImageResolver images, SeedMaker seeds) {
        Hypervisor hv = LibvirtHypervisor.connectEventually(uri);
        return new VmService(hv, images, seeds, dataDir, System::nanoTime, () -> domainType(hv));
    }

    /**
     * On a local QEMU host doctor's decision counts (KVM only when it can really run a guest);
     * on a remote host libvirt's own capabilities are all we can ask.
     */
    static DomainType domainType(Hypervisor hv) {
        if (isLocal(hv.uri())) {
            return AcceleratorDecision.decide(KvmProbe.probe()).accelerator() == Accelerator.KVM
                    ? DomainType.KVM : DomainType.QEMU;
        }
        return hv.defaultDomainType();
    }

    static boolean isLocal(String uri) {
        try {
            URI u = URI.create(uri);
            return u.getScheme() != null && u.getScheme().startsWith("qemu") && !u.getScheme().contains("+")
                    && (u.getHost() == null || u.getHost().isEmpty());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
