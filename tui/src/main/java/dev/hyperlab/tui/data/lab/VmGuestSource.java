package dev.hyperlab.tui.data.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.ConnectionStatus;
import dev.hyperlab.core.vm.DomainStats;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestAddress;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSample;
import dev.hyperlab.tui.data.GuestSource;
import dev.hyperlab.tui.data.SourceUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The TUI's VM rows, through the same {@link Hypervisor} port as {@code hyperlab list}: one
 * {@link Hypervisor#allDomainStats()} a tick (the adapter caches what it can, until an event says
 * otherwise; a VM's SSH forward comes with it) and {@link Hypervisor#onChange} for the refreshes in between. While libvirtd is down
 * the adapter reconnects on its own; this source says so at once instead of waiting for it.
 */
public final class VmGuestSource implements GuestSource {
    private final Supplier<Hypervisor> hypervisor;
    private final String label;

    /** @param hypervisor the VM service's port (opened on first use, as {@link VmLab} does) */
    public VmGuestSource(Supplier<Hypervisor> hypervisor, String label) {
        this.hypervisor = hypervisor;
        this.label = label;
    }

    /** The VMs of {@code vms}' connection: one connection for the listing and the actions. */
    public static VmGuestSource of(VmLab vms, String uri) {
        return new VmGuestSource(vms::hypervisor, uri == null ? "libvirt" : uri);
    }

    @Override public String describe() { return label; }

    @Override
    public Fetch fetch() {
        Hypervisor hv = hv();
        ConnectionStatus status = hv.connectionStatus();
        if (!status.up()) {
            throw down(status.detail(), null);
        }
        List<DomainStats> stats;
        try {
            stats = hv.allDomainStats();
        } catch (HyperlabException e) {
            if (e.code() == ErrorCode.UNAVAILABLE) {
                throw down(e.userMessage(), e);
            }
            throw e;
        }
        List<GuestSummary> guests = new ArrayList<>(stats.size());
        Map<GuestKey, GuestSample> samples = new HashMap<>(stats.size() * 2);
        Map<GuestKey, List<GuestAddress>> addresses = new HashMap<>();
        for (DomainStats s : stats) {
            VmInfo v = s.info();
            GuestKey key = new GuestKey(GuestKind.VM, v.name());
            guests.add(new GuestSummary(GuestKind.VM, v.name(), v.state(), v.vcpus(), v.memoryBytes(),
                    v.label().map(HyperlabLabel::image).orElse(""), v.timeline(), Optional.empty()));
            samples.put(key, new GuestSample(v.cpuTimeNanos(), s.uptime()));
            s.sshPort().ifPresent(p -> addresses.put(key, List.of(GuestAddress.sshForward(p))));
        }
        return new Fetch(guests, samples, System.nanoTime(), List.of(), addresses);
    }

    @Override
    public List<Field> details(GuestKey key) {
        Hypervisor hv = hv();
        VmInfo v = hv.get(key.name());
        List<Field> f = new ArrayList<>();
        f.add(new Field("uuid", v.uuid()));
        f.add(new Field("state", v.state().toString().toLowerCase(Locale.ROOT)));
        f.add(new Field("memory", (v.memoryBytes() >> 20) + " MiB max"));
        f.add(new Field("cpu time", String.format(Locale.ROOT, "%.1f s", Math.max(0, v.cpuTimeNanos()) / 1e9)));
        f.add(new Field("snapshots", Integer.toString(hv.listSnapshots(key.name()).size())));
        return f;
    }

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
        try {
            return hv().onChange(c -> onChange.run());
        } catch (SourceUnavailableException | HyperlabException e) {
            return () -> { }; // no adapter at all (its event loop failed): the one-second tick still refreshes
        }
    }

    @Override public void close() {
        // the connection is the VM service's, closed with it
    }

    private Hypervisor hv() {
        try {
            return hypervisor.get();
        } catch (HyperlabException e) {
            throw down(e.userMessage(), e);
        }
    }

    private SourceUnavailableException down(String why, Throwable cause) {
        return new SourceUnavailableException("libvirt: reconnecting… (" + why + ")", cause);
    }
}
