package dev.hyperlab.tui.data.lab;

import dev.hyperlab.core.lab.GuestRecipe;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.tui.data.GuestActions;
import dev.hyperlab.tui.data.GuestConsoles;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestMaker;
import dev.hyperlab.tui.data.VmSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The TUI's VM actions, create, console and snapshots, all through {@link VmService}: the same
 * calls, checks and clean-up as {@code hyperlab vm ...}. The service is opened on first use (so the
 * TUI starts while libvirtd is down); the adapter reconnects after the daemon went away.
 *
 * <p>Thread-safe: {@link VmService} confines its libvirt connection to one worker thread, so the
 * action thread, boot threads and console readers may call at the same time.
 */
public final class VmLab implements GuestActions, GuestMaker, dev.hyperlab.tui.data.HostRoutedVms.HostVms, AutoCloseable {
    /** As {@code hyperlab vm stop}: ACPI first, the plug after this long. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Supplier<VmService> connector;
    private VmService service;

    public VmLab(Supplier<VmService> connector) { this.connector = connector; }

    /** The service's hypervisor port: the listing uses the actions' connection. */
    public dev.hyperlab.core.vm.Hypervisor hypervisor() { return service().hypervisor(); }

    // ---- actions (the list's s, t, K, x)

    @Override public void start(GuestKey key) {
        call(s -> s.start(vm(key), false, GuestRecipe.VM_TIMEOUT, System.nanoTime(), VmService.Listener.NONE));
    }

    @Override public void stop(GuestKey key) { call(s -> s.stop(vm(key), STOP_GRACE)); }

    @Override public void destroy(GuestKey key) { call(s -> { s.destroy(vm(key)); return null; }); }

    /** The list asked first and says a running guest is powered off: hence force. */
    @Override public void remove(GuestKey key) { call(s -> { s.remove(vm(key), true); return null; }); }

    // ---- create wizard

    @Override public GuestKind kind() { return GuestKind.VM; }

    /** Image {@code template:T} asks for an instant clone of template T. */
    @Override public void check(GuestRecipe recipe) {
        call(s -> recipe.template().isPresent() ? s.check(recipe.instantClone()) : s.check(recipe.vm()));
    }

    @Override
    public BootTimeline createAndBoot(GuestRecipe recipe, long t0, Progress progress) {
        VmService.Listener listener = new VmService.Listener() {
            @Override public void step(String what) { progress.step(what); }

            @Override public void phase(BootTimeline timeline) { progress.phase(timeline); }

            @Override public void console(String line) { progress.console(line); }
        };
        return call(s -> (recipe.template().isPresent()
                ? s.createFromTemplate(recipe.instantClone(), t0, listener, dev.hyperlab.core.model.Cancellation.NONE)
                : s.create(recipe.vm(), t0, listener)).timeline());
    }

    // ---- console and log

    @Override public ConsoleStream open(String name) { return call(s -> s.console(name)); }

    @Override public String log(String name, int maxBytes) { return call(s -> LogTail.read(s.log(name), maxBytes)); }

    @Override public boolean interactive() { return true; }

    // ---- snapshots

    @Override public List<SnapshotInfo> list(String vm) { return call(s -> s.snapshots(vm)); }

    @Override public void create(String vm, String snapshot) {
        call(s -> { s.snapshotCreate(vm, snapshot, "taken in the hyperlab TUI"); return null; });
    }

    @Override public void revert(String vm, String snapshot) { call(s -> { s.snapshotRevert(vm, snapshot); return null; }); }

    @Override public void delete(String vm, String snapshot) { call(s -> { s.snapshotDelete(vm, snapshot); return null; }); }

    // ---- plumbing

    private static String vm(GuestKey key) {
        if (key.kind() != GuestKind.VM) {
            throw new IllegalArgumentException(key + " is not a VM");
        }
        return key.name();
    }

    /** The adapter rides out a libvirtd restart itself (reconnect, callbacks registered again): no reopening here. */
    private <T> T call(Function<VmService, T> op) { return op.apply(service()); }

    /** The VM service itself, opened on first use: labs hand it whole to core's lab runner. */
    public synchronized VmService service() {
        if (service == null) {
            service = connector.get();
        }
        return service;
    }

    @Override
    public synchronized void close() {
        if (service != null) {
            service.close();
            service = null;
        }
    }
}
