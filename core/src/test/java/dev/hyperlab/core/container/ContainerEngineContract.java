package dev.hyperlab.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ContainerEngine} must show: the adapter (Podman and Docker alike, in
 * PodmanEngineIT) and the in-memory engine the unit tests use ({@code ListedEngineContractTest}). A
 * subclass supplies a connected engine and an image with /bin/sh; every container made here is removed.
 *
 * <p>The bookkeeping promises (what is created, listed, started, stopped, removed, refused) hold for
 * both. What a container's process does and sees (its output, its settings applied by the kernel, its
 * CPU time) can only be checked where a process runs: an engine that runs none says so with
 * {@link #runsProcesses}, and those tests are skipped for it, with the reason, as HypervisorContract
 * skips migration on a driver that cannot migrate.
 */
public abstract class ContainerEngineContract {
    private final List<String> made = new ArrayList<>();

    protected abstract ContainerEngine engine();

    /** An image present in the engine that has /bin/sh and the nobody user. */
    protected abstract String shellImage();

    /** False for an engine that keeps books but starts no process (the in-memory one). */
    protected boolean runsProcesses() { return true; }

    private void needsAProcess() {
        org.junit.jupiter.api.Assumptions.assumeTrue(runsProcesses(),
                "this engine runs no process: what a container's process does is checked on Podman (PodmanEngineIT)");
    }

    private String name() {
        String n = "hl-kit-" + UUID.randomUUID().toString().substring(0, 8);
        made.add(n);
        return n;
    }

    private ContainerSpec spec(String name, List<String> cmd, long nanoCpus, long memory) {
        return new ContainerSpec(name, shellImage(), cmd, "65534:65534", name, nanoCpus, memory, "none",
                Map.of("dev.hyperlab.managed", "true", "dev.hyperlab.kit", name), Map.of("HL_KIT", "1"), List.of(), true,
                Map.of("/tmp", "rw,nosuid,nodev,size=16m"), Map.of(), Map.of("nofile", 1024L, "nproc", 1024L), "", false);
    }

    @AfterEach void removeEverything() {
        for (String n : made) {
            engine().remove(n);
        }
    }

    @Test void reportsNameVersionAndRuntime() {
        EngineInfo i = engine().info();
        assertTrue(List.of("podman", "docker").contains(i.name()), i.toString());
        assertFalse(i.version().isBlank());
        assertFalse(i.apiVersion().isBlank());
        assertFalse(i.runtime().isBlank() || "?".equals(i.runtime()), i.toString());
        assertTrue(i.hostCpus() > 0);
    }

    @Test void createsAStoppedContainerWithItsLabelsAndLimits() {
        String n = name();
        String id = engine().create(spec(n, List.of("true"), 500_000_000L, 64L << 20));
        ContainerDetails d = engine().inspect(n).orElseThrow();
        assertEquals(d, engine().inspect(id).orElseThrow(), "found by id as by name");
        assertEquals(id, d.id());
        assertEquals(n, d.name());
        assertEquals(GuestState.STOPPED, d.state());
        assertEquals("true", d.labels().get("dev.hyperlab.managed"));
        assertEquals(500_000_000L, d.nanoCpus());
        assertEquals(64L << 20, d.memoryBytes());
    }

    @Test void createsWithEverySettingAppliedAndRunsTheCommand() throws Exception {
        needsAProcess();
        String n = name();
        String id = engine().create(spec(n, List.of("sh", "-c",
                "id -u; grep CapEff /proc/self/status; grep NoNewPrivs /proc/self/status; ulimit -n; echo $HL_KIT; hostname; "
                        + "ls /sys/class/net"), 500_000_000L, 64L << 20));
        ContainerDetails d = engine().inspect(n).orElseThrow();
        assertEquals(id, d.id());
        assertEquals(n, d.name());
        assertEquals(GuestState.STOPPED, d.state());
        assertEquals("true", d.labels().get("dev.hyperlab.managed"));
        assertEquals(500_000_000L, d.nanoCpus());
        assertEquals(64L << 20, d.memoryBytes());
        engine().start(n);
        assertEquals(0, engine().waitForExit(n, Duration.ofSeconds(60)));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        engine().logs(n, false, lines::add).close();
        assertEquals(List.of("65534", "CapEff:\t0000000000000000", "NoNewPrivs:\t1", "1024", "1", n, "lo"), lines);
    }

    @Test void logsOfARestartedContainerKeepEveryRunInOrder() {
        // ContainerService relies on this to tell a restart's lines from the earlier runs' ones.
        needsAProcess();
        String n = name();
        engine().create(spec(n, List.of("sh", "-c", "echo run-$(cut -c1-8 /proc/sys/kernel/random/uuid)"), 0, 0));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            engine().start(n);
            assertEquals(0, engine().waitForExit(n, Duration.ofSeconds(60)));
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            engine().logs(n, false, lines::add).close();
            assertEquals(i + 1, lines.size(), lines.toString());
            assertEquals(runs, lines.subList(0, i));
            runs.add(lines.get(i));
        }
        assertEquals(3, new java.util.HashSet<>(runs).size(), runs.toString());
    }

    @Test void startRunsItStopStopsItTwiceIsFineAndDiskSizesCountTheImage() {
        String n = name();
        engine().create(spec(n, List.of("sleep", "300"), 0, 0));
        engine().start(n);
        assertEquals(GuestState.RUNNING, engine().inspect(n).orElseThrow().state());
        ContainerDiskSizes sizes = engine().diskSizes(n);
        assertTrue(sizes.imageBytes() > 1L << 20, sizes.toString());
        assertTrue(sizes.writableLayerBytes() >= 0 && sizes.writableLayerBytes() < sizes.imageBytes(), sizes.toString());
        engine().stop(n, Duration.ofSeconds(1));
        assertEquals(GuestState.STOPPED, engine().inspect(n).orElseThrow().state());
        engine().stop(n, Duration.ofSeconds(1)); // stopping twice is fine
    }

    @Test void execRunsInARunningContainerAndStopStopsIt() {
        needsAProcess();
        String n = name();
        engine().create(spec(n, List.of("sleep", "300"), 0, 0));
        engine().start(n);
        ExecResult r = engine().exec(n, List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        ContainerDiskSizes sizes = engine().diskSizes(n);
        assertTrue(sizes.imageBytes() > 1L << 20, sizes.toString());
        assertTrue(sizes.writableLayerBytes() >= 0 && sizes.writableLayerBytes() < sizes.imageBytes(), sizes.toString());
        engine().stop(n, Duration.ofSeconds(1));
        assertEquals(GuestState.STOPPED, engine().inspect(n).orElseThrow().state());
        engine().stop(n, Duration.ofSeconds(1)); // stopping twice is fine
    }

    @Test void usageIsReadForARunningContainerOnly() {
        String n = name();
        engine().create(spec(n, List.of("sleep", "300"), 0, 0));
        assertEquals(Optional.empty(), engine().usage(n), "a created container has not run");
        engine().start(n);
        ContainerUsage u = engine().usage(n).orElseThrow();
        assertTrue(u.cpuTimeNanos() >= 0 && !u.uptime().isNegative(), u.toString());
        engine().stop(n, Duration.ZERO);
        assertEquals(Optional.empty(), engine().usage(n), "a stopped container uses nothing");
        assertEquals(Optional.empty(), engine().usage("hl-kit-no-such-container"));
    }

    @Test void usageCountsTheCpuTimeAndUptimeOfARunningContainerOnly() throws Exception {
        needsAProcess();
        String n = name();
        // Half a second of busy shell, then idle: the CPU time must show the work and stop growing.
        engine().create(spec(n, List.of("sh", "-c", "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; touch /tmp/done; sleep 300"),
                0, 0));
        assertEquals(Optional.empty(), engine().usage(n), "a created container has not run");
        engine().start(n);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (engine().exec(n, List.of("test", "-e", "/tmp/done"), Duration.ofSeconds(30)).exitCode() != 0) {
            assertTrue(System.nanoTime() < deadline, "the busy loop did not end in 60 s");
            Thread.sleep(100);
        }
        ContainerUsage first = engine().usage(n).orElseThrow();
        assertTrue(first.cpuTimeNanos() > 10_000_000L, "the loop's CPU time is counted: " + first);
        Thread.sleep(1100);
        ContainerUsage second = engine().usage(n).orElseThrow();
        assertTrue(second.cpuTimeNanos() >= first.cpuTimeNanos(), second + " after " + first);
        assertTrue(second.cpuTimeNanos() - first.cpuTimeNanos() < 200_000_000L, "sleeping costs next to nothing: " + second);
        assertTrue(second.uptime().compareTo(first.uptime().plusSeconds(1)) >= 0, second + " after " + first);
        engine().stop(n, Duration.ZERO);
        assertEquals(Optional.empty(), engine().usage(n), "a stopped container uses nothing");
        assertEquals(Optional.empty(), engine().usage("hl-kit-no-such-container"));
    }

    @Test void listFindsContainersByLabel() {
        String n = name();
        engine().create(spec(n, List.of("true"), 0, 0));
        List<ContainerDetails> found = engine().list(Map.of("dev.hyperlab.kit", n));
        assertEquals(1, found.size());
        assertEquals(n, found.get(0).name());
    }

    @Test void nameClashIsAConflictAndCreatesNothing() {
        String n = name();
        engine().create(spec(n, List.of("true"), 0, 0));
        HyperlabException e = assertThrows(HyperlabException.class, () -> engine().create(spec(n, List.of("false"), 0, 0)));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals(1, engine().list(Map.of("dev.hyperlab.kit", n)).size());
    }

    @Test void unknownImageIsNotFound() {
        String n = name();
        ContainerSpec s = spec(n, List.of("true"), 0, 0);
        ContainerSpec bad = new ContainerSpec(n, "localhost/hyperlab/no-such-image:0", s.command(), s.user(), s.hostname(),
                0, 0, "none", s.labels(), s.env(), s.capAdd(), true, s.tmpfs(), s.binds(), s.ulimits(), "", false);
        assertFalse(engine().imageExists(bad.image()));
        HyperlabException e = assertThrows(HyperlabException.class, () -> engine().create(bad));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertTrue(engine().inspect(n).isEmpty());
    }

    @Test void removeIsIdempotentAndLeavesNothing() {
        String n = name();
        engine().create(spec(n, List.of("true"), 0, 0));
        engine().remove(n);
        assertTrue(engine().inspect(n).isEmpty());
        engine().remove(n);
        HyperlabException e = assertThrows(HyperlabException.class, () -> engine().start(n));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
    }
}
