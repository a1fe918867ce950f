package dev.hyperlab.tui.data;

import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.SnapshotInfo;
import java.util.List;
import java.util.Map;

/**
 * A VM's console, log and snapshots on the host its listed name says ({@link GuestHost}): the
 * session's own host for a plain name, else that host's. The guest views call it with the name they
 * were given by the table, as they do with one host.
 */
public final class HostRoutedVms implements GuestConsoles, VmSnapshots {
    /** What one host offers the guest views. */
    public interface HostVms extends GuestConsoles, VmSnapshots {}

    private final HostVms own;
    private final Map<String, ? extends HostVms> others;

    public HostRoutedVms(HostVms own, Map<String, ? extends HostVms> others) {
        this.own = own;
        this.others = Map.copyOf(others);
    }

    private HostVms on(String listed) {
        return GuestHost.hostOf(listed).map(h -> {
            HostVms v = others.get(h);
            if (v == null) {
                throw new IllegalArgumentException("no host " + h + " in this session");
            }
            return v;
        }).orElse(own);
    }

    private static String bare(String listed) { return GuestHost.nameOf(listed); }

    @Override public ConsoleStream open(String name) { return on(name).open(bare(name)); }

    @Override public String log(String name, int maxBytes) { return on(name).log(bare(name), maxBytes); }

    @Override public boolean interactive() { return own.interactive(); }

    @Override public List<SnapshotInfo> list(String vm) { return on(vm).list(bare(vm)); }

    @Override public void create(String vm, String snapshot) { on(vm).create(bare(vm), snapshot); }

    @Override public void revert(String vm, String snapshot) { on(vm).revert(bare(vm), snapshot); }

    @Override public void delete(String vm, String snapshot) { on(vm).delete(bare(vm), snapshot); }
}
