package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.host.Accelerator;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.model.Subject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --vm-levers}: each lever is its effect on one VM's host cost in the same run, KSM's
 * settings are put back whatever happens, and every VM it made is gone at the end.
 */
class VmLeversTest {
    private static final long MB = 1L << 20;
    private static final CompareOptions OPTIONS = new CompareOptions("debian-12", 1, 1, 1L << 30, null,
            Duration.ofMinutes(5), 0, 1, 1);
    private static final VmLeverPlan PLAN = new VmLeverPlan(List.of(0, 64), true, 3, Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    private final FakeLab lab = new FakeLab();
    private final List<Duration> pauses = new ArrayList<>();
    private final Pause recorded = (d, cancel) -> pauses.add(d);

    private static Path ksmDir(Path dir, String run) throws Exception {
        Files.writeString(dir.resolve("run"), run + "\n");
        Files.writeString(dir.resolve("pages_to_scan"), "100\n");
        Files.writeString(dir.resolve("pages_sharing"), "43000\n");
        return dir;
    }

    private VmLeverResult measure(Path ksm, VmLeverPlan plan, boolean tcg) {
        lab.ksmDir = ksm;
        try (Cleanup c = new Cleanup(lab)) {
            return new VmLevers(lab, c, CompareListener.NONE, ksm, recorded).measure(plan, OPTIONS, "t1", tcg);
        }
    }

    @Test
    void everyLeverIsItsEffectOnOneVmsHostCostMeasuredInTheSameRun(@TempDir Path dir) throws Exception {
        Path ksm = ksmDir(dir, "0");
        VmLeverResult r = measure(ksm, PLAN, true);

        List<String> levers = r.effects().stream().map(VmLeverResult.Effect::lever).toList();
        assertEquals(List.of("tb-cache 256 MiB (hyperlab's default)", "tb-cache 64 MiB",
                "free page reporting (guest caches dropped)", "instant clones of one template (3 running)",
                "KSM (60 s, pages_to_scan 1000)"), levers);
        VmLeverResult.Effect tb = r.effects().get(0);
        assertEquals("QEMU's default (1 GiB)", tb.without());
        assertEquals(960 * MB, tb.withoutBytes());
        assertEquals(580 * MB, tb.withBytes());
        assertEquals(-380 * MB, tb.deltaBytes());
        assertEquals(-39.6, tb.deltaPercent(), 0.05);
        assertEquals(350 * MB, r.effects().get(1).withBytes(), "64 MiB against hyperlab's 256");
        VmLeverResult.Effect fpr = r.effects().get(2);
        assertEquals(480 * MB, fpr.withBytes(), "reporting hands the dropped caches back");
        assertEquals(580 * MB, fpr.withoutBytes(), "without it QEMU keeps them");
        assertTrue(fpr.detail().contains("the guest freed 100 MiB with it, 100 MiB without"), fpr.detail());
        VmLeverResult.Effect clones = r.effects().get(3);
        assertEquals(580 * MB, clones.withoutBytes(), "a cold VM with hyperlab's defaults, settled");
        assertEquals(350 * MB, clones.withBytes());
        VmLeverResult.Effect merged = r.effects().get(4);
        assertEquals(350 * MB, merged.withoutBytes());
        assertEquals(180 * MB, merged.withBytes(), "read while KSM ran");
        assertTrue(merged.detail().contains("pages_sharing 43000"), merged.detail());

        assertEquals(List.of(VmSettings.HYPERLAB, VmSettings.tbCache(0), VmSettings.tbCache(64),
                new VmSettings(VmSettings.AS_MADE, false)), lab.vmLaunchOrder, "one cold VM per setting");
        assertEquals(3, lab.launches.get(Subject.VM_CLONE).get());
        assertEquals(List.of(List.of(Subject.VM_CLONE)), lab.prepared, "the clones' template made through the lab");
        assertTrue(pauses.contains(Duration.ofSeconds(60)) && pauses.contains(Duration.ofSeconds(10)), pauses.toString());
        assertTrue(lab.existing.isEmpty(), "every VM removed: " + lab.existing);
        assertEquals("0", Files.readString(ksm.resolve("run")).trim(), "KSM stopped again, as it was");
        assertEquals("100", Files.readString(ksm.resolve("pages_to_scan")).trim());
        assertTrue(r.notes().contains("KSM: run was 0 before and is 0 again; pages_to_scan put back too."), r.notes().toString());
        assertEquals(2 * 4 + 2, r.readings().size(), "settled and caches dropped per cold VM, the clones before and after KSM");
    }

    @Test
    void withoutKsmInTheKernelTheReportSaysSoAndTheOtherLeversStillRun(@TempDir Path dir) {
        VmLeverResult r = measure(dir.resolve("no-ksm"), PLAN, true);
        assertEquals(4, r.effects().size());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("KSM: not measured; KSM is not in this host's kernel")),
                r.notes().toString());
        assertTrue(lab.existing.isEmpty());
    }

    @Test
    void aCancelWhileKsmMergesPutsKsmBackAndRemovesEveryVm(@TempDir Path dir) throws Exception {
        Path ksm = ksmDir(dir, "0");
        lab.ksmDir = ksm;
        Cleanup c = new Cleanup(lab);
        Pause cancelAtMerge = (d, token) -> {
            if (d.equals(PLAN.ksmMerge())) {
                assertEquals("1", read(ksm, "run"), "KSM runs during the merge period");
                assertEquals("1000", read(ksm, "pages_to_scan"));
                throw token.cancelled("the merge (Ctrl-C)");
            }
        };
        HyperlabException e = assertThrows(HyperlabException.class, () -> {
            try (c) {
                new VmLevers(lab, c, CompareListener.NONE, ksm, cancelAtMerge).measure(PLAN, OPTIONS, "t2", true);
            }
        });
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals("0", read(ksm, "run"));
        assertEquals("100", read(ksm, "pages_to_scan"));
        assertTrue(lab.existing.isEmpty(), "the clones are removed by the cleanup: " + lab.existing);
    }

    @Test
    void aRunningKsmIsLeftRunning(@TempDir Path dir) throws Exception {
        Path ksm = ksmDir(dir, "1");
        VmLeverResult r = measure(ksm, PLAN, true);
        assertEquals("1", read(ksm, "run"));
        assertTrue(r.notes().contains("KSM: run was 1 before and is 1 again; pages_to_scan put back too."));
    }

    @Test
    void underKvmThereIsNoTranslationCacheToMeasure(@TempDir Path dir) {
        VmLeverResult r = measure(dir.resolve("no-ksm"), new VmLeverPlan(List.of(0), true, 0, Duration.ZERO, Duration.ZERO), false);
        assertEquals(List.of("free page reporting (guest caches dropped)"),
                r.effects().stream().map(VmLeverResult.Effect::lever).toList());
        assertTrue(r.notes().get(0).startsWith("tb-cache: not measured"), r.notes().toString());
    }

    @Test
    void oneCloneCannotShowKsm(@TempDir Path dir) throws Exception {
        VmLeverResult r = measure(ksmDir(dir, "0"), new VmLeverPlan(List.of(), false, 1, Duration.ZERO,
                Duration.ofSeconds(60)), true);
        assertEquals(1, r.effects().size());
        assertTrue(r.notes().contains("KSM: not measured; it merges pages between VMs, and there was one clone."));
    }

    @Test
    void badPlansAreRefusedBeforeAnythingIsMade() {
        assertThrows(HyperlabException.class, () -> new VmLeverPlan(List.of(-1), true, 3, Duration.ZERO, Duration.ZERO));
        assertThrows(HyperlabException.class, () -> new VmLeverPlan(List.of(), true, 17, Duration.ZERO, Duration.ZERO));
        assertThrows(HyperlabException.class, () -> new VmLeverPlan(List.of(), true, 3, Duration.ofSeconds(-1), Duration.ZERO));
        assertEquals(4, VmLeverPlan.FULL.coldVms());
    }

    @Test
    void compareRunsTheLeversAfterItsTrialsAndRecordsThem(@TempDir Path dir) throws Exception {
        Path ksm = ksmDir(dir, "0");
        lab.ksmDir = ksm;
        SideBySideRun.Host host = new SideBySideRun.Host(FakeExec.of(Subject.HOST),
                () -> new AcceleratorDecision(Accelerator.TCG, "test"), () -> new HostSpecs("cpu", 2, 24L << 30, "6.1"));
        MeasurementSet set = new CompareRunner(lab, host, Clock.systemUTC(), ksm, recorded)
                .run(OPTIONS, List.of(Subject.APP_CONTAINER), Optional.of(PLAN), CompareListener.NONE);
        assertEquals(5, set.vmLevers().orElseThrow().effects().size());
        assertEquals(1, set.boots().size());
        assertTrue(lab.existing.isEmpty());
        assertTrue(new CompareRunner(lab, host, Clock.systemUTC(), ksm, recorded)
                .run(OPTIONS, List.of(Subject.APP_CONTAINER), CompareListener.NONE).vmLevers().isEmpty());
    }

    private static String read(Path dir, String f) {
        try {
            return Files.readString(dir.resolve(f)).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
