package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabFileParser;
import dev.hyperlab.core.labrun.LabRunner;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.labrun.LabStates;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code hyperlab up} refuses before it makes anything (libvirt's test driver, an in-memory
 * engine): a name a guest outside the lab or another lab holds, the same lab from another file,
 * what this version does not make yet. Nothing is made then: no network, no guest, no state file.
 */
class LabUpRefusalsTest {
    @TempDir Path data;
    @TempDir Path dir;
    private VmService vms;
    private ListedEngine engine;
    private ContainerService cts;
    private LabStates states;
    private dev.hyperlab.core.labrun.LabForwards forwards;

    @BeforeEach void open() throws Exception {
        vms = TestDriverVms.open(data);
        engine = new ListedEngine();
        cts = new ContainerService(engine, data, null, null, System::nanoTime, new HostResources(2, 1L << 30));
        states = new LabStates(data);
        forwards = new dev.hyperlab.core.labrun.LabForwards(data, java.util.List.of());
    }

    @AfterEach void close() {
        vms.hypervisor().find("lab-web").ifPresent(v -> vms.hypervisor().undefine("lab-web"));
        vms.close();
    }

    private HyperlabException refused(String yaml) throws Exception {
        Path file = dir.resolve("hyperlab.yaml");
        Files.writeString(file, yaml);
        LabFile lab = LabFileParser.read(file);
        HyperlabException e = assertThrows(HyperlabException.class, () -> new LabRunner(vms, () -> cts, states, forwards, i -> true,
                System::nanoTime).up(lab, new LabRunner.Options(Set.of(), 4, Duration.ofMinutes(1)), (g, k, w) -> { },
                Cancellation.NONE));
        assertTrue(vms.hypervisor().labNetworks().isEmpty(), "no network made: " + e.getMessage());
        assertTrue(engine.networks.isEmpty(), "no engine network made");
        assertFalse(states.find(lab.name()).isPresent(), "no state written");
        return e;
    }

    @Test
    @DisplayName("a guest name a VM outside the lab holds is refused, naming the VM")
    void nameOfAVmOutsideTheLab() throws Exception {
        vms.hypervisor().define(new DomainSpec("lab-web", DomainType.QEMU, 1, 128L << 20, "/nowhere.qcow2", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), NetworkSpec.NONE, "/nowhere.log",
                new HyperlabLabel("tiny", Instant.now(), "iid", VmService.POOL, "lab-web.qcow2", "", "")));
        HyperlabException e = refused("name: l1\nnetworks:\n  lan: {}\nguests:\n  lab-web:\n    kind: vm\n    networks: [lan]\n");
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("guest name 'lab-web' is taken by a VM outside this lab", e.getMessage());
    }

    @Test
    @DisplayName("a guest name a container outside the lab holds is refused, naming the container")
    void nameOfAContainerOutsideTheLab() throws Exception {
        engine.add("lab-db", GuestState.RUNNING, true);
        HyperlabException e = refused("name: l2\nguests:\n  lab-db:\n    kind: system\n");
        assertEquals("guest name 'lab-db' is taken by a container outside this lab", e.getMessage());
    }

    @Test
    @DisplayName("a guest name another lab holds is refused, naming that lab")
    void nameOfAnotherLab() throws Exception {
        states.save(new LabState("other", "/x/hyperlab.yaml", "iid", Map.of(),
                Map.of("lab-q", new LabState.Guest("app", Map.of(), Map.of(), 1.0))));
        HyperlabException e = refused("name: l3\nguests:\n  lab-q:\n    kind: app\n    command: [sleep, '1']\n");
        assertEquals("guest name 'lab-q' is used by lab 'other'", e.getMessage());
    }

    @Test
    @DisplayName("the same lab name brought up from another file is refused, naming the file it is up from")
    void sameLabFromAnotherFile() throws Exception {
        states.save(new LabState("l4", "/elsewhere/hyperlab.yaml", "iid", Map.of(), Map.of()));
        HyperlabException e = assertThrows(HyperlabException.class, () -> {
            Path file = dir.resolve("hyperlab.yaml");
            Files.writeString(file, "name: l4\nguests:\n  lab-x:\n    kind: system\n");
            new LabRunner(vms, () -> cts, states, forwards, i -> true, System::nanoTime).up(LabFileParser.read(file),
                    new LabRunner.Options(Set.of(), 4, Duration.ofMinutes(1)), (g, k, w) -> { }, Cancellation.NONE);
        });
        assertEquals("lab 'l4' is up from /elsewhere/hyperlab.yaml", e.getMessage());
    }

    @Test
    @DisplayName("udp forwards, ports of a VM on no network and a container on two networks are refused, naming the field")
    void notMadeYet() throws Exception {
        HyperlabException udp = refused("name: l5\nnetworks:\n  lan: {}\nguests:\n  lab-p:\n    kind: vm\n"
                + "    networks: [lan]\n    ports: ['127.0.0.1:18080:80/udp']\n");
        assertEquals("hyperlab.yaml: guests.lab-p.ports: udp forwards are not made yet", udp.getMessage());
        HyperlabException nowhere = refused("name: l5\nguests:\n  lab-p:\n    kind: vm\n    ports: ['18080:80']\n");
        assertEquals("hyperlab.yaml: guests.lab-p.ports: a VM's ports are forwarded to its lab address, and lab-p is on no "
                + "lab network", nowhere.getMessage());
        HyperlabException two = refused("name: l6\nnetworks:\n  a: {}\n  b: {}\nguests:\n  lab-c:\n    kind: system\n"
                + "    networks: [a, b]\n");
        assertTrue(two.getMessage().contains("guests.lab-c.networks: a container joins one lab network for now"),
                two.getMessage());
    }

    @Test
    @DisplayName("a lab of VMs does not need the container engine; a lab with containers says the engine is down")
    void engineOnlyWhenNeeded() throws Exception {
        java.util.function.Supplier<ContainerService> down = () -> {
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "the container engine does not answer", "try scripts/setup.sh");
        };
        vms.hypervisor().define(new DomainSpec("lab-web", DomainType.QEMU, 1, 128L << 20, "/nowhere.qcow2", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), NetworkSpec.NONE, "/nowhere.log",
                new HyperlabLabel("tiny", Instant.now(), "iid", VmService.POOL, "lab-web.qcow2", "", "")));
        Path file = dir.resolve("hyperlab.yaml");
        Files.writeString(file, "name: l7\nguests:\n  lab-web:\n    kind: vm\n");
        HyperlabException vmsOnly = assertThrows(HyperlabException.class, () -> new LabRunner(vms, down, states, forwards, i -> true,
                System::nanoTime).up(LabFileParser.read(file), new LabRunner.Options(Set.of(), 4, Duration.ofMinutes(1)),
                (g, k, w) -> { }, Cancellation.NONE));
        assertEquals("guest name 'lab-web' is taken by a VM outside this lab", vmsOnly.getMessage(), "checked without the engine");
        Files.writeString(file, "name: l8\nguests:\n  lab-box:\n    kind: system\n");
        HyperlabException withContainer = assertThrows(HyperlabException.class, () -> new LabRunner(vms, down, states, forwards,
                i -> true, System::nanoTime).up(LabFileParser.read(file), new LabRunner.Options(Set.of(), 4,
                Duration.ofMinutes(1)), (g, k, w) -> { }, Cancellation.NONE));
        assertEquals(ErrorCode.UNAVAILABLE, withContainer.code());
    }
}
