package dev.hyperlab.core.lab;

import dev.hyperlab.core.compare.HostSpecs;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.core.container.EngineEndpoint;
import dev.hyperlab.core.container.docker.DockerApiEngine;
import dev.hyperlab.core.exec.HostExec;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.host.EngineFacts;
import dev.hyperlab.core.host.HostFacts;
import dev.hyperlab.core.host.LibvirtFacts;
import dev.hyperlab.core.host.linux.KvmProbe;
import dev.hyperlab.core.host.linux.LibvirtProbe;
import dev.hyperlab.core.host.probe.EngineFactsProbe;
import dev.hyperlab.core.host.probe.HostProbe;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.store.DataDir;
import dev.hyperlab.images.store.ImageStore;
import dev.hyperlab.images.store.ImageUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place where a process builds its services, from where things are: the libvirt URI, the
 * container engine's endpoints (tried in order) and the data directory. The CLI makes one per
 * command, the TUI one per session; each service it hands out is new and belongs to the caller, who
 * closes it. Nothing else picks an adapter or a directory.
 */
public final class Wiring {
    /** Where VMs live when neither {@code --connect} nor {@code $LIBVIRT_DEFAULT_URI} says otherwise. */
    public static final String DEFAULT_LIBVIRT_URI = "qemu:///system";

    private final String libvirtUri;
    private final List<String> engineEndpoints;
    private final Path dataDir;

    public Wiring(String libvirtUri, List<String> engineEndpoints, Path dataDir) {
        this.libvirtUri = Objects.requireNonNull(libvirtUri);
        this.engineEndpoints = List.copyOf(engineEndpoints);
        this.dataDir = Objects.requireNonNull(dataDir);
    }

    /**
     * The settings of this process: {@code libvirtUri} (null or blank: {@code $LIBVIRT_DEFAULT_URI}, else
     * {@value #DEFAULT_LIBVIRT_URI}), the engine as discovery finds it ({@link EngineEndpoint}), the data
     * directory from {@code $HYPERLAB_HOME} or the XDG rules ({@link DataDir}).
     */
    public static Wiring fromEnvironment(String libvirtUri) {
        return new Wiring(libvirtUri(libvirtUri, System.getenv()), discoveredEngines(), DataDir.resolve());
    }

    static String libvirtUri(String given, Map<String, String> env) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String fromEnv = env.get("LIBVIRT_DEFAULT_URI");
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_LIBVIRT_URI : fromEnv;
    }

    /** The engine endpoints discovery tries, in order ({@code CONTAINER_HOST}, {@code DOCKER_HOST}, Podman, Docker). */
    public static List<String> discoveredEngines() {
        return EngineEndpoint.forThisProcess();
    }

    public String libvirtUri() { return libvirtUri; }

    public List<String> engineEndpoints() { return engineEndpoints; }

    public Path dataDir() { return dataDir; }

    // ---- guests

    /** VMs through libvirt at {@link #libvirtUri()}, disks from the image store, cloud-init seeds written here. */
    public VmService vms() {
        return VmServices.open(libvirtUri, dataDir, new StoreImageResolver(imageStore()), new CloudInitSeedMaker());
    }

    /** As {@link #vms()}, for the TUI: a libvirtd that is down now is no error, it connects when it can. */
    public VmService vmsEventually() {
        return VmServices.openEventually(libvirtUri, dataDir, new StoreImageResolver(imageStore()), new CloudInitSeedMaker());
    }

    /** Containers through the first engine endpoint that answers, rootfs from the image store. */
    public ContainerService containers() {
        return new ContainerService(DockerApiEngine.connect(engineEndpoints), dataDir,
                new StoreRootfsSource(imageStore()), new CloudInitSeedWriter(), System::nanoTime);
    }

    /** Sockets made inside a container's network namespace, for a lab's port forwarder. */
    public dev.hyperlab.core.forward.NetnsSockets netnsSockets() {
        return new dev.hyperlab.core.host.linux.LinuxNetnsSockets();
    }

    /** Both kinds in one list, each side asked on a connection of its own; a side that does not answer is a problem beside the rows. */
    public Inventory.Listing inventory() {
        return Inventory.list(this::vmList, this::containerList);
    }

    /**
     * {@code list --all-hosts}: every host's VMs in one bulk reading each, all hosts at once, each within
     * {@code budget}; this machine's containers as the local host's.
     */
    public HostsInventory.Listing inventory(List<dev.hyperlab.core.hosts.HostEntry> hosts, java.time.Duration budget) {
        return HostsInventory.list(hosts, uri -> forHost(uri).vmList(), this::containerList, budget);
    }

    /** The same settings, another libvirt host. */
    public Wiring forHost(String uri) {
        return new Wiring(uri, engineEndpoints, dataDir);
    }

    /** Several libvirt hosts' facts, all asked at once, each within {@code within}. */
    public static List<dev.hyperlab.core.host.LibvirtHostFacts> libvirtHostFacts(List<String> uris, java.time.Duration within) {
        return dev.hyperlab.core.vm.libvirt.LibvirtHostProbe.hosts(uris, VmService.POOL, within);
    }

    /** One libvirt host's facts (versions, accelerator, pool) through a read-only connection, within {@code within}. */
    public static dev.hyperlab.core.host.LibvirtHostFacts libvirtHostFacts(String uri, java.time.Duration within) {
        return dev.hyperlab.core.vm.libvirt.LibvirtHostProbe.host(uri, VmService.POOL, within);
    }

    /** The same bulk reading as the TUI's list ({@code Hypervisor.allDomainStats}): no call per domain. */
    private List<VmInfo> vmList() {
        try (VmService vms = vms()) {
            return vms.hypervisor().allDomainStats().stream().map(dev.hyperlab.core.vm.DomainStats::info)
                    .sorted(java.util.Comparator.comparing(VmInfo::name)).toList();
        }
    }

    private List<GuestSummary> containerList() {
        try (ContainerService cts = containers()) {
            return cts.list();
        }
    }

    // ---- images

    private ImageStore imageStore() {
        return ImageService.call(() -> ImageStore.open(imagesDir()));
    }

    private Path imagesDir() { return dataDir.resolve("images"); }

    /** Which guests (VMs and containers) use an image, asked once per use of the returned object. */
    public ImageUsage imageUsage() {
        return new GuestImageUsage(this::vmList, this::containerList,
                () -> new dev.hyperlab.core.template.TemplateStore(dataDir).all());
    }

    /** The images as the CLI's {@code image} commands and the TUI's images view use them. */
    public ImageService images() {
        return new ImageService(imagesDir(), Catalog.builtIn(), this::imageUsage);
    }

    // ---- comparisons and the host

    /** VMs and containers for comparisons; closing it closes both connections. */
    public CompareLab compareLab() {
        VmService vms = vms();
        try {
            return new CompareLab(vms, containers(), vms.hypervisor().uri());
        } catch (RuntimeException e) {
            vms.close();
            throw e;
        }
    }

    /** What a comparison needs from this host besides the guests: its exec, accelerator and specs. */
    public SideBySideRun.Host compareHost() {
        return new SideBySideRun.Host(new HostExec(), () -> AcceleratorDecision.decide(KvmProbe.probe()), HostSpecs::read);
    }

    /** What {@code doctor} and the TUI's header judge, gathered from this host, libvirt and the engine. */
    public HostFacts hostFacts() {
        return HostProbe.collect(libvirtUri, engineEndpoints, dataDir);
    }

    /** libvirt's and the hypervisor's versions, from a read-only connection ({@code version}). */
    public LibvirtFacts libvirtFacts() {
        return LibvirtProbe.probe(libvirtUri);
    }

    /** The engine's name and versions, or why it did not answer ({@code version}). */
    public EngineFacts engineFacts() {
        return EngineFactsProbe.probe(engineEndpoints);
    }
}
