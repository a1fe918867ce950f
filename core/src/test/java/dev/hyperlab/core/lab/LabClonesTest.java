package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.labfile.LabFileException;
import dev.hyperlab.core.labfile.LabFileParser;
import dev.hyperlab.core.labrun.LabForwards;
import dev.hyperlab.core.labrun.LabRunner;
import dev.hyperlab.core.labrun.LabStates;
import dev.hyperlab.core.labrun.LabTeardown;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.template.TemplateNames;
import dev.hyperlab.core.template.TemplateRecord;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.Hypervisor;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab guests with {@code template:} on libvirt's test driver (which runs no guest, so no clone
 * gets past its restore or identity step; InstantCloneIT and LabCloneIT do that on QEMU): what
 * {@code up} refuses before it makes anything, with the lab file's line, and what a clone that
 * fails leaves behind: nothing of its own, and a lab {@code down} removes whole.
 */
class LabClonesTest {
    @TempDir Path data;
    @TempDir Path dir;
    private VmService vms;
    private Hypervisor hv;
    private LabStates states;
    private LabForwards forwards;
    private ListedEngine engine;
    private ContainerService cts;

    @BeforeEach void open() throws Exception {
        vms = TestDriverVms.open(data);
        hv = vms.hypervisor();
        hv.ensurePool(VmService.POOL, vms.poolDir().toString());
        states = new LabStates(data);
        forwards = new LabForwards(data, List.of());
        engine = new ListedEngine();
        cts = new ContainerService(engine, data, null, null, System::nanoTime, new HostResources(2, 1L << 30));
    }

    @AfterEach void close() {
        for (VolumeRef v : hv.listVolumes(VmService.POOL)) {
            hv.deleteVolume(VmService.POOL, v.name());
        }
        vms.close();
    }

    /**
     * The volumes and record 'vm template create' leaves, made by hand, with the definition a real
     * template has (a user-mode virtio NIC on QEMU's command line), as DomainXmlBuilder writes it.
     */
    private void template(String name) {
        String base = data.resolve("images/tiny/disk.qcow2").toString();
        VolumeRef disk = hv.createOverlay(VmService.POOL, TemplateNames.diskVol(name), base, 64L << 20);
        VolumeRef state = hv.createOverlay(VmService.POOL, TemplateNames.stateVol(name), disk.path(), 64L << 20);
        String domain = TemplateNames.domain(name);
        String xml = dev.hyperlab.core.vm.libvirt.DomainXmlBuilder.build(new DomainSpec(domain, DomainType.QEMU, 2, 1L << 30,
                state.path(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), NetworkSpec.USER, "/nowhere.log",
                new HyperlabLabel("tiny", Instant.now(), "iid-template", VmService.POOL, state.name(), "", "")));
        vms.templates().store().save(new TemplateRecord(name, "tiny", "", 2, 1L << 30, 64L << 20, "qemu", "pc-i440fx-7.2",
                VmService.POOL, disk.name(), state.name(), 64L << 20, "iid-template", "debian", xml,
                "<domainsnapshot><name>" + TemplateNames.SNAPSHOT + "</name></domainsnapshot>", "2026-12-04T03:00:00Z", 18.0));
    }

    private LabRunner runner() {
        return new LabRunner(vms, () -> cts, states, forwards, i -> true, System::nanoTime);
    }

    private LabRunner.Report up(String yaml) throws Exception {
        Path file = dir.resolve("hyperlab.yaml");
        Files.writeString(file, yaml);
        return runner().up(LabFileParser.read(file), new LabRunner.Options(Set.of(), 4, Duration.ofSeconds(20)),
                (g, k, w) -> { }, Cancellation.NONE);
    }

    private Set<String> volumes() {
        return hv.listVolumes(VmService.POOL).stream().map(VolumeRef::name).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("an unknown template and sizes other than the template's are refused with their lines; nothing is made")
    void refusedBeforeAnythingIsMade() throws Exception {
        template("base");
        Set<String> before = volumes();
        LabFileException unknown = assertThrows(LabFileException.class, () -> up("name: c1\nnetworks:\n  lan: {}\n"
                + "guests:\n  web:\n    template: nosuch\n    networks: [lan]\n"));
        assertTrue(unknown.getMessage().contains("hyperlab.yaml:6:15: guests.web.template: unknown template 'nosuch'; try"
                + " 'hyperlab vm template list'"), unknown.getMessage());
        LabFileException sizes = assertThrows(LabFileException.class, () -> up("name: c1\nnetworks:\n  lan: {}\n"
                + "guests:\n  web:\n    template: base\n    cpus: 4\n    memory: 1G\n    networks: [lan]\n"));
        assertTrue(sizes.getMessage().contains("hyperlab.yaml:7:11: guests.web.cpus: 4 differs from template base's 2: a clone"
                + " wakes up with the CPUs its template's saved state holds"), sizes.getMessage());
        assertFalse(sizes.getMessage().contains("memory"), "1G is the template's memory: " + sizes.getMessage());
        assertTrue(hv.labNetworks().isEmpty(), "no network made");
        assertFalse(states.find("c1").isPresent(), "no state written");
        assertEquals(before, volumes(), "no volume made");
    }

    @Test
    @DisplayName("labs are this machine's: a lab with a clone on a remote host is refused before its file is looked at")
    void remoteHostRefused() throws Exception {
        VmService remote = new VmService(new FakeHypervisor("qemu+tcp://127.0.0.1:16510/system"), null,
                new CloudInitSeedMaker(), data, System::nanoTime);
        Path file = dir.resolve("hyperlab.yaml");
        Files.writeString(file, "name: c3\nguests:\n  web:\n    template: base\n");
        HyperlabException e = assertThrows(HyperlabException.class, () -> new LabRunner(remote, () -> cts, states, forwards,
                i -> true, System::nanoTime).up(LabFileParser.read(file), new LabRunner.Options(Set.of(), 1,
                Duration.ofSeconds(5)), (g, k, w) -> { }, Cancellation.NONE));
        assertTrue(e.getMessage().contains("labs"), e.getMessage());
        assertFalse(states.find("c3").isPresent());
    }

    /**
     * The test driver with the steps it lacks, libvirt's volume streams (a copy's download, a seed's
     * upload), each made as an overlay instead: so a clone gets past its volumes and its definition (the real CloneXml on the
     * template's real XML, its NIC moved to the lab's network) and fails at the restore, which only
     * QEMU does.
     */
    private VmService withVolumeCopies() {
        Hypervisor copying = (Hypervisor) java.lang.reflect.Proxy.newProxyInstance(Hypervisor.class.getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, m, args) -> {
                    if (m.getName().equals("uploadVolume")) {
                        return hv.createOverlay((String) args[0], (String) args[1],
                                data.resolve("images/tiny/disk.qcow2").toString(), 64L << 20);
                    }
                    if (m.getName().equals("copyVolume")) {
                        String from = hv.listVolumes((String) args[0]).stream().filter(v -> v.name().equals(args[1]))
                                .findFirst().orElseThrow().path();
                        return hv.createOverlay((String) args[0], (String) args[2], from, 64L << 20);
                    }
                    try {
                        return m.invoke(hv, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new VmService(copying, new DirImageResolver(data.resolve("images")), new CloudInitSeedMaker(), data,
                System::nanoTime);
    }

    @Test
    @DisplayName("a clone that fails after its volumes and definition were made leaves none of them; down removes the lab whole")
    void failedCloneLeavesNothingOfItsOwn() throws Exception {
        template("base");
        vms = withVolumeCopies();
        Set<String> before = volumes();
        LabRunner.Report r = up("name: c2\nnetworks:\n  lan: {}\nguests:\n  web:\n    template: base\n    networks: [lan]\n");
        LabRunner.Outcome web = r.guests().get(0);
        assertEquals(LabRunner.Result.FAILED, web.result(), "the test driver runs no guest: " + web.detail());
        assertTrue(web.detail().contains("restor"), "failed at the restore, after the definition: " + web.detail());
        assertFalse(hv.find("web").isPresent(), "no half-made clone");
        assertEquals(before, volumes(), "the clone's overlay and seed were removed");
        assertEquals(List.of("web"), List.copyOf(states.find("c2").orElseThrow().guests().keySet()),
                "the lab's state names the guest it tried, so down looks for it");
        new LabTeardown(vms, () -> cts, states, forwards).down("c2");
        assertTrue(hv.labNetworks().isEmpty(), "down removed the lab's network");
        assertFalse(states.find("c2").isPresent());
        assertTrue(vms.templates().store().find("base").isPresent(), "the template is not the lab's");
    }
}
