package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.compare.DensityResult.Stop;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The density sweep on a {@link FakeLab} (each container costs the host 45.5 MB: 45 MB of cgroup and half a
 * megabyte of monitor) and a scripted host: how far it goes, where it reads the cost, why it stops, and
 * that it leaves nothing running whatever the reason.
 */
class DensitySweepTest {
    private static final long MB = 1L << 20;
    private static final long EACH = 45 * MB + MB / 2;
    private final FakeLab lab = new FakeLab();

    /** A host whose gauges are functions of how many guests the fake lab holds. */
    private record ScriptedHost(LongSupplier available, LongSupplier running, OptionalLong taskLimit,
                                LongSupplier inotify, OptionalLong inotifyInstanceLimit) implements HostGauges {
        @Override public long memAvailableBytes() { return available.getAsLong(); }

        @Override public long tasks() { return running.getAsLong(); }

        @Override public long rootInotifyInstances() { return inotify.getAsLong(); }
    }

    private final HostGauges roomy = new ScriptedHost(() -> 20L << 30, () -> 400, OptionalLong.of(32768), () -> 6,
            OptionalLong.of(128));

    private static CompareOptions options(long memory, long budget, int cap, int maxVms) {
        return new CompareOptions("debian-12", 1, 1, memory, null, Duration.ofMinutes(15), budget, cap, maxVms);
    }

    private DensityResult sweep(Subject kind, CompareOptions o, HostGauges host) {
        try (Cleanup cleanup = new Cleanup(lab)) {
            return new DensitySweep(lab, cleanup, new CompareListener() { }, host, System::nanoTime).sweep(kind, o, "t");
        }
    }

    private static List<Integer> counts(DensityResult d) {
        return d.checkpoints().stream().map(DensityCheckpoint::instances).toList();
    }

    @Test
    void theRecordedCheckpointsAreThePowersOfTen() {
        for (int n : new int[] {1, 10, 100, 1000}) {
            assertTrue(DensitySweep.recorded(n), "recorded: " + n);
        }
        for (int n : new int[] {2, 20, 50, 110, 500}) {
            assertFalse(DensitySweep.recorded(n), "not recorded: " + n);
        }
    }

    @Test
    void containersRunUpToTheCapTogetherAndAreMeasuredAt1_10_100AndTheLastCount() {
        DensityResult d = sweep(Subject.APP_CONTAINER, options(1L << 30, 16L << 30, 250, 4), roomy);

        assertEquals(250, d.instances(), "a count that ran, not a projection");
        assertEquals(List.of(1, 10, 100, 250), counts(d));
        for (DensityCheckpoint c : d.checkpoints()) {
            assertEquals(EACH, c.perInstanceBytes(), "at " + c.instances());
        }
        assertEquals(EACH, d.marginalBytes(), "from 100 to 250");
        assertEquals(250 * EACH, d.usedBytes());
        assertEquals(Stop.CAP, d.stop());
        assertEquals("instance cap of 250 reached", d.stoppedBecause());
        assertEquals(OptionalLong.of(250 + (16L * 1024 * MB - 250 * EACH) / EACH), d.projectedInstances(),
                "the cap stopped it short of the budget: what the rest of the budget would hold is a projection");
        assertTrue(lab.existing.isEmpty(), "all removed: " + lab.existing.size() + " left");
        assertEquals(250, lab.removed.size());
    }

    @Test
    void theCostIsReadAtCheckpointsNotAfterEveryStart() {
        DensityResult d = sweep(Subject.APP_CONTAINER, options(1L << 30, 32L << 30, 500, 4), roomy);

        assertEquals(List.of(1, 10, 100, 500), counts(d));
        // read at 1, 10, every 50 up to 500, and 100: 1 + 10 + (50 + 100 + ... + 500) guests in all
        assertEquals(1 + 10 + 50L * (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10), lab.costReads.get(),
                "reading every guest after every start would be 125 250 readings");
    }

    @Test
    void theBudgetEndsTheSweepWithNothingProjected() {
        DensityResult d = sweep(Subject.APP_CONTAINER, options(128 * MB, 1L << 30, 500, 4), roomy);

        assertEquals(22, d.instances(), "22 x 45.5 MB fit in 1 GiB, 23 do not");
        assertEquals(List.of(1, 10, 22), counts(d));
        assertEquals(Stop.BUDGET, d.stop());
        assertTrue(d.stoppedBecause().startsWith("budget of 1 GiB reached"), d.stoppedBecause());
        assertTrue(d.projectedInstances().isEmpty(), "the budget was used: nothing to project");
        assertTrue(lab.existing.isEmpty());
    }

    @Test
    void theMemoryReserveEndsTheSweep() {
        HostGauges tight = new ScriptedHost(() -> (2L << 30) - lab.existing.size() * 64 * MB, () -> 400,
                OptionalLong.empty(), () -> 0, OptionalLong.empty());
        DensityResult d = sweep(Subject.APP_CONTAINER, options(128 * MB, 16L << 30, 500, 4), tight);

        assertEquals(Stop.RESERVE, d.stop());
        assertEquals(15, d.instances(), "2 GiB - 15 x 64 MB leaves 1088 MB; one more (128 MB limit) would pass the reserve");
        assertTrue(d.stoppedBecause().contains("1 GiB reserve"), d.stoppedBecause());
        assertTrue(d.projectedInstances().isEmpty());
        assertTrue(lab.existing.isEmpty());
    }

    @Test
    void anEngineErrorMidwayEndsThatKindWithTheEnginesWordsAndRemovesWhatStarted() {
        lab.failAt.put(Subject.APP_CONTAINER, 37);
        DensityResult d = sweep(Subject.APP_CONTAINER, options(1L << 30, 16L << 30, 500, 4), roomy);

        assertEquals(36, d.instances());
        assertEquals(Stop.ENGINE_ERROR, d.stop());
        assertTrue(d.stoppedBecause().startsWith("instance 37 did not start: "), d.stoppedBecause());
        assertTrue(d.stoppedBecause().contains("too many open files"), d.stoppedBecause());
        assertEquals(List.of(1, 10, 36), counts(d), "the count it reached is still measured");
        assertTrue(d.projectedInstances().isPresent(), "stopped short of the budget: a projection, labelled one");
        assertTrue(lab.existing.isEmpty(), "nothing left: " + lab.existing);
        assertEquals(36, lab.removed.size());
    }

    @Test
    void systemContainersStopBeforeRootsInotifyInstancesRunOut() {
        // each system container's systemd, logind and dbus take 5 instances of root's 128
        HostGauges host = new ScriptedHost(() -> 20L << 30, () -> 400, OptionalLong.of(32768),
                () -> 6 + 5L * lab.existing.size(), OptionalLong.of(128));
        DensityResult d = sweep(Subject.SYSTEM_CONTAINER, options(1L << 30, 16L << 30, 500, 4), host);

        assertEquals(24, d.instances(), "6 + 24 x 5 = 126 of 128: a 25th would pass the limit");
        assertEquals(Stop.HOST_LIMIT, d.stop());
        assertTrue(d.stoppedBecause().contains("fs.inotify.max_user_instances = 128"), d.stoppedBecause());
        assertTrue(d.stoppedBecause().contains("5 more per instance"), d.stoppedBecause());
        assertEquals(List.of(1, 10, 24), counts(d));
        assertTrue(lab.existing.isEmpty());
    }

    @Test
    void theSweepLeavesATenthOfTheHostsTasksToTheHost() {
        HostGauges host = new ScriptedHost(() -> 20L << 30, () -> 1000 + 3L * lab.existing.size(), OptionalLong.of(1200),
                () -> 0, OptionalLong.of(128));
        DensityResult d = sweep(Subject.APP_CONTAINER, options(1L << 30, 16L << 30, 500, 4), host);

        assertEquals(Stop.HOST_LIMIT, d.stop());
        assertEquals(26, d.instances(), "1000 + 26 x 3 = 1078 tasks; one more would pass 90 % of 1200");
        assertTrue(d.stoppedBecause().contains("task limit"), d.stoppedBecause());
        assertTrue(lab.existing.isEmpty());
    }

    @Test
    void aCancelMidwayEndsTheComparisonAndLeavesNothingRunning() throws Exception {
        Cleanup cleanup = new Cleanup(lab);
        Thread[] canceller = new Thread[1];
        HostGauges host = new ScriptedHost(() -> {
            if (lab.existing.size() == 30 && canceller[0] == null) { // Ctrl-C with 30 running
                canceller[0] = new Thread(cleanup::cancel);
                canceller[0].start();
                while (!cleanup.cancelled()) {
                    Thread.onSpinWait();
                }
            }
            return 20L << 30;
        }, () -> 400, OptionalLong.empty(), () -> 0, OptionalLong.empty());
        DensitySweep sweep = new DensitySweep(lab, cleanup, new CompareListener() { }, host, System::nanoTime);

        dev.hyperlab.core.error.HyperlabException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.hyperlab.core.error.HyperlabException.class,
                () -> sweep.sweep(Subject.APP_CONTAINER, options(1L << 30, 16L << 30, 500, 4), "t"));
        canceller[0].join();
        cleanup.close();

        assertEquals(dev.hyperlab.core.error.ErrorCode.CANCELLED, e.code(), "a cancel is not a stop reason: " + e.getMessage());
        assertTrue(lab.existing.isEmpty(), "nothing left: " + lab.existing);
    }

    @Test
    void vmsKeepTheirLowerCap() {
        DensityResult d = sweep(Subject.VM, options(1L << 30, 16L << 30, 500, 2), roomy);

        assertEquals(2, d.instances());
        assertEquals(Stop.CAP, d.stop());
        assertEquals("instance cap of 2 reached", d.stoppedBecause());
        assertEquals(List.of(1, 2), counts(d));
        assertEquals(580 * MB, d.checkpoints().get(1).perInstanceBytes(), "QEMU's PSS each, from the full ledger");
        assertTrue(lab.existing.isEmpty());
    }
}
