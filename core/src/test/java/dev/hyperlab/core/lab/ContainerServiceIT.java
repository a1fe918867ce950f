package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.container.EngineEndpoint;
import dev.hyperlab.core.container.ExecResult;
import dev.hyperlab.core.container.docker.DockerApiEngine;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * hyperlab containers on the real Podman service, network none, from the default image: app output,
 * a system container configured by cloud-init like the VM, cgroup limits, clean removal, bad input.
 */
class ContainerServiceIT {
    /** Nothing named hl-it-* may be left on the host after each test. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.hyperlab.core.leak.LeakCheck LEAKS = dev.hyperlab.core.leak.LeakCheck.afterEach("hl-it-");

    private static final Path DATA = Path.of("target", "it-data").toAbsolutePath();
    private static ContainerService svc;
    private final List<String> made = new ArrayList<>();

    @BeforeAll static void connect() {
        svc = new ContainerService(DockerApiEngine.connect(List.of("unix://" + EngineEndpoint.PODMAN_ROOT_SOCKET)), DATA,
                new StoreRootfsSource(ImageStore.openDefault()), new CloudInitSeedWriter(), System::nanoTime);
        svc.resolveImage("debian-12", m -> System.err.println(m));
    }

    @AfterAll static void disconnect() {
        if (svc != null) {
            svc.close();
        }
    }

    @AfterEach void cleanUp() {
        for (String n : made) {
            svc.remove(n);
        }
    }

    private String name(String prefix) {
        String n = "hl-it-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        made.add(n);
        return n;
    }

    private static void phasesInOrder(BootTimeline tl, Phase... phases) {
        Duration prev = Duration.ZERO;
        for (Phase p : phases) {
            assertTrue(tl.has(p), p + " missing in " + tl);
            Duration d = tl.at(p).orElseThrow();
            assertFalse(d.compareTo(prev) < 0, p + " before the previous phase in " + tl);
            prev = d;
        }
    }

    @Test void appContainerPrintsItsOutputAsNobodyWithATimeline() throws Exception {
        String n = name("app");
        BootTimeline tl = svc.createAndStart(ContainerRequest.app(n, "debian-12", List.of("sh", "-c", "echo hello-from-$(id -un)")),
                ContainerStart.waitingUpTo(Duration.ofSeconds(60)));
        phasesInOrder(tl, Phase.CREATED, Phase.STARTED, Phase.INIT, Phase.READY);
        List<String> lines = new ArrayList<>();
        svc.engine().waitForExit(n, Duration.ofSeconds(30));
        svc.logs(n, false, lines::add).close();
        assertEquals(List.of("hello-from-nobody"), lines);
        GuestSummary row = svc.list().stream().filter(g -> g.name().equals(n)).findFirst().orElseThrow();
        assertEquals(GuestKind.CONTAINER, row.kind());
        assertEquals("debian-12", row.image());
        assertEquals(tl, row.timeline());
    }

    @Test void limitsAreVisibleInTheContainersCgroup() throws Exception {
        String n = name("lim");
        svc.createAndStart(ContainerRequest.app(n, "debian-12", List.of("sh", "-c",
                        "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.cfs_period_us"))
                .withLimits(0.5, 96L << 20), ContainerStart.waitingUpTo(Duration.ofSeconds(60)));
        svc.engine().waitForExit(n, Duration.ofSeconds(30));
        List<String> lines = new ArrayList<>();
        svc.logs(n, false, lines::add).close();
        assertEquals(String.valueOf(96L << 20), lines.get(0));
        assertEquals(0.5, Double.parseDouble(lines.get(1)) / Double.parseDouble(lines.get(2)), 1e-9);
        GuestSummary row = svc.info(n).summary();
        assertEquals(96L << 20, row.memoryBytes());
        assertEquals(1, row.vcpus());
    }

    @Test void systemContainerIsConfiguredByCloudInitLikeTheVm(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        String n = name("sys");
        Path cc = tmp.resolve("user-data.yaml");
        Files.writeString(cc, """
                #cloud-config
                hostname: labhost
                users:
                  - name: alice
                    shell: /bin/bash
                    sudo: ALL=(ALL) NOPASSWD:ALL
                runcmd:
                  - echo runcmd-ok > /var/tmp/runcmd-result
                """);
        BootTimeline tl = svc.createAndStart(ContainerRequest.system(n, "debian-12", Optional.of(cc)),
                ContainerStart.waitingUpTo(Duration.ofSeconds(120)));
        phasesInOrder(tl, Phase.CREATED, Phase.STARTED, Phase.INIT, Phase.READY);
        ExecResult r = svc.exec(n, List.of("sh", "-c", "hostname; id -un alice; cat /var/tmp/runcmd-result; cat /run/hyperlab-ready"),
                Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.stderr());
        String id = svc.info(n).instanceId();
        assertEquals("labhost\nalice\nruncmd-ok\nhyperlab-ready " + id + "\n", r.stdout());
        ExecResult pid1 = svc.exec(n, List.of("cat", "/proc/1/comm"), Duration.ofSeconds(10));
        assertEquals("systemd\n", pid1.stdout());
        svc.stop(n);
        assertEquals(dev.hyperlab.core.model.GuestState.STOPPED, svc.info(n).summary().state());

        // A restart is READY only once this boot's cloud-init is done (not on the old marker in the logs).
        BootTimeline again = svc.start(n, true, Duration.ofSeconds(120));
        phasesInOrder(again, Phase.STARTED, Phase.READY);
        assertFalse(again.has(Phase.CREATED));
        assertEquals(0, svc.exec(n, List.of("test", "-f", "/run/cloud-init/result.json"), Duration.ofSeconds(10)).exitCode());
        assertEquals("labhost\n", svc.exec(n, List.of("hostname"), Duration.ofSeconds(10)).stdout());
    }

    @Test void removeLeavesNoContainerVolumeOrSeed() {
        String n = name("rm");
        svc.create(ContainerRequest.system(n, "debian-12", Optional.empty()), m -> { });
        ContainerDetails d = svc.engine().inspect(n).orElseThrow();
        Path seed = Path.of(d.labels().get(ContainerLabels.SEED_DIR));
        assertTrue(Files.isRegularFile(seed.resolve("user-data")));
        svc.remove(n);
        assertTrue(svc.engine().inspect(n).isEmpty());
        assertFalse(Files.exists(LabDirs.containerDir(DATA, n)));
        assertTrue(svc.engine().list(Map.of(ContainerLabels.INSTANCE_ID, d.labels().get(ContainerLabels.INSTANCE_ID))).isEmpty());
        // No anonymous volume either: the image declares none and remove() asks for volumes to go too.
        assertTrue(svc.engine().inspect(d.id()).isEmpty());
    }

    @Test void badInputCreatesNothing() {
        String n = name("bad");
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> svc.create(ContainerRequest.app(n, "localhost/hyperlab/no-such:0", List.of("true")), m -> { }));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        e = assertThrows(HyperlabException.class,
                () -> svc.create(ContainerRequest.app(n, "debian-12", List.of("true")).withLimits(64, 0), m -> { }));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertTrue(svc.engine().inspect(n).isEmpty());
        assertFalse(Files.exists(LabDirs.containerDir(DATA, n)));

        svc.create(ContainerRequest.app(n, "debian-12", List.of("true")), m -> { });
        e = assertThrows(HyperlabException.class, () -> svc.create(ContainerRequest.system(n, "debian-12", Optional.empty()), m -> { }));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("app", svc.info(n).mode().label());
    }

    @Test void aFailureAfterCreateRemovesContainerAndSeed() {
        String n = name("fail");
        HyperlabException e = assertThrows(HyperlabException.class, () -> svc.createAndStart(
                ContainerRequest.system(n, "debian-12", Optional.empty()), ContainerStart.waitingUpTo(Duration.ofMillis(1))));
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(svc.engine().inspect(n).isEmpty());
        assertFalse(Files.exists(LabDirs.containerDir(DATA, n)));
    }
}
