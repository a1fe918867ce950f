package dev.hyperlab.tui.view;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.LifecycleEvent;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.core.vm.VolumeRef;
import dev.hyperlab.core.vm.libvirt.LibvirtHypervisor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * libvirt's in-process test driver, as the real adapter drives it, except for what that driver
 * cannot do: stream a file into a volume (an empty volume of the same name stands in for the
 * seed), open a serial console (a {@link ScriptedConsole} the test speaks for) and start a domain
 * paused (the boot watcher does that so no console line is lost; a scripted console loses none,
 * so the domain starts running and the resume that follows has nothing to do).
 */
final class ScriptedHypervisor implements Hypervisor {
    private final LibvirtHypervisor hv = LibvirtHypervisor.connect("test:///default");
    private final Map<String, ScriptedConsole> consoles = new ConcurrentHashMap<>();
    private final Map<String, Integer> opens = new ConcurrentHashMap<>();

    /** How often the console of {@code name} was opened (each open takes it over from the last). */
    int opens(String name) { return opens.getOrDefault(name, 0); }

    /** The console last opened for {@code name}, waiting up to 20 s for someone to open it. */
    ScriptedConsole console(String name) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            ScriptedConsole c = consoles.get(name);
            if (c != null && !c.isClosed()) {
                return c;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nobody opened the console of " + name);
    }

    LibvirtHypervisor real() { return hv; }

    @Override public ConsoleStream openConsole(String name) {
        hv.get(name); // unknown names fail as they would
        ScriptedConsole c = new ScriptedConsole();
        ScriptedConsole before = consoles.put(name, c);
        if (before != null) {
            before.close(); // FORCE: the last reader loses the console, as with libvirt
        }
        opens.merge(name, 1, Integer::sum);
        return c;
    }

    @Override public VolumeRef uploadVolume(String pool, String volName, Path localFile) {
        return hv.createOverlay(pool, volName, "/seed-stand-in", 1L << 20);
    }

    // ---- everything else: the real adapter on test:///default

    @Override public String uri() { return hv.uri(); }

    @Override public DomainType defaultDomainType() { return DomainType.QEMU; }

    @Override public void ensurePool(String name, String dir) { hv.ensurePool(name, dir); }

    @Override public VolumeRef createOverlay(String pool, String volName, String basePath, long capacityBytes) {
        return hv.createOverlay(pool, volName, basePath, capacityBytes);
    }

    @Override public void deleteVolume(String pool, String volName) { hv.deleteVolume(pool, volName); }

    @Override public List<VolumeRef> listVolumes(String pool) { return hv.listVolumes(pool); }

    @Override public VolumeRef copyVolume(String pool, String from, String to) { return hv.copyVolume(pool, from, to); }

    @Override public void downloadVolume(String pool, String volName, Path localFile) { hv.downloadVolume(pool, volName, localFile); }

    @Override public dev.hyperlab.core.vm.MigrationJob migrate(String name, dev.hyperlab.core.vm.MigrationRequest req,
                                                               Consumer<dev.hyperlab.core.vm.MigrationJob> progress,
                                                               dev.hyperlab.core.model.Cancellation cancel) {
        return hv.migrate(name, req, progress, cancel); // the test driver refuses, as HypervisorContract says
    }

    @Override public void resizeVolume(String pool, String volName, long capacityBytes) {
        hv.resizeVolume(pool, volName, capacityBytes);
    }

    @Override public void define(DomainSpec spec) { hv.define(spec); }

    @Override public void defineClone(String source, dev.hyperlab.core.vm.DomainClone clone) { hv.defineClone(source, clone); }

    @Override public void defineCloneOf(String sourceXml, dev.hyperlab.core.vm.DomainClone clone) {
        hv.defineCloneOf(sourceXml, clone);
    }

    @Override public java.util.Optional<String> backingPath(String pool, String volName) { return hv.backingPath(pool, volName); }

    @Override public String freezeToTemplate(String domain, String pool, String stateVol, String snapshot) {
        return hv.freezeToTemplate(domain, pool, stateVol, snapshot);
    }

    @Override public void restoreTemplateState(String domain, String snapshotXml) { hv.restoreTemplateState(domain, snapshotXml); }

    @Override public String inactiveXml(String name) { return hv.inactiveXml(name); }

    @Override public void redefine(String name, String xml) { hv.redefine(name, xml); }

    @Override public void setResources(String name, int vcpus, long memoryBytes) { hv.setResources(name, vcpus, memoryBytes); }

    private final java.util.Set<String> startedForPaused = ConcurrentHashMap.newKeySet();

    @Override public void start(String name, boolean paused) {
        hv.start(name, false);
        if (paused) {
            startedForPaused.add(name);
        }
    }

    @Override public void resume(String name) {
        if (!startedForPaused.remove(name)) {
            hv.resume(name);
        }
    }

    @Override public void shutdown(String name) { hv.shutdown(name); }

    @Override public void destroy(String name) { hv.destroy(name); }

    @Override public void reboot(String name) { hv.reboot(name); }

    @Override public void undefine(String name) { hv.undefine(name); }

    @Override public Optional<VmInfo> find(String name) { return hv.find(name); }

    @Override public List<VmInfo> list() { return hv.list(); }

    /**
     * The SSH port each VM forwards on 127.0.0.1, as the real driver reads it from QEMU's command line,
     * which the test driver drops: the test says it.
     */
    final Map<String, Integer> sshPorts = new ConcurrentHashMap<>();

    @Override public List<dev.hyperlab.core.vm.DomainStats> allDomainStats() {
        return hv.allDomainStats().stream().map(s -> new dev.hyperlab.core.vm.DomainStats(s.info(), s.uptime(),
                Optional.ofNullable(sshPorts.get(s.name())).or(s::sshPort))).toList();
    }

    @Override public dev.hyperlab.core.vm.ConnectionStatus connectionStatus() { return hv.connectionStatus(); }

    @Override public void saveTimeline(String name, BootTimeline timeline) { hv.saveTimeline(name, timeline); }

    @Override public String xml(String name) { return hv.xml(name); }

    @Override public String agentCommand(String name, String json, int timeoutSeconds) {
        return hv.agentCommand(name, json, timeoutSeconds);
    }

    @Override public AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener) { return hv.onLifecycle(listener); }

    @Override public AutoCloseable onChange(Consumer<dev.hyperlab.core.vm.DomainChange> listener) {
        return hv.onChange(listener);
    }

    @Override public void createSnapshot(String domain, String snapshot, String description) {
        hv.createSnapshot(domain, snapshot, description);
    }

    @Override public List<SnapshotInfo> listSnapshots(String domain) { return hv.listSnapshots(domain); }

    @Override public void revertSnapshot(String domain, String snapshot) { hv.revertSnapshot(domain, snapshot); }

    @Override public void deleteSnapshot(String domain, String snapshot) { hv.deleteSnapshot(domain, snapshot); }

    @Override public void close() { hv.close(); }

    @Override public void createNetwork(dev.hyperlab.core.vm.LabNetworkSpec spec) { hv.createNetwork(spec); }

    @Override public void removeNetwork(String name) { hv.removeNetwork(name); }

    @Override public List<dev.hyperlab.core.vm.LabNetworkInfo> labNetworks() { return hv.labNetworks(); }
}
