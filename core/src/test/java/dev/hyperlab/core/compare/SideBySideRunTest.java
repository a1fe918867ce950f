package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.compare.bench.BenchmarkPlan;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.host.Accelerator;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.Subject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SideBySideRunTest {
    private final FakeLab lab = new FakeLab();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final SideBySideRun.Host host = new SideBySideRun.Host(FakeExec.of(Subject.HOST),
            () -> new AcceleratorDecision(Accelerator.TCG, "no vmx/svm"),
            () -> new HostSpecs("Test CPU", 2, 24L << 30, "6.18.44"));

    private final CompareListener listener = new CompareListener() {
        @Override public void meta(ReportMeta m) { events.add("meta " + m.accelerator().label()); }

        @Override public void raceStarted(List<Subject> kinds) { events.add("race " + kinds); }

        @Override public void boot(Subject kind, int run, BootTimeline t) {
            events.add(kind.label() + " " + t.latest().orElseThrow().label());
        }
    };

    private static CompareOptions options(BenchmarkPlan plan) {
        return new CompareOptions("debian-12", 1, 1, 1L << 30, plan, Duration.ofMinutes(15), 0, 1, 1);
    }

    @Test
    void racesEveryKindThenMeasuresThemAndRemovesThem() {
        MeasurementSet set = new SideBySideRun(lab, host, Clock.systemUTC())
                .run(options(BenchmarkPlan.quick()), SideBySideRun.RACERS, listener);
        assertEquals("meta tcg", events.get(0));
        assertEquals(List.of(List.of(Subject.VM, Subject.VM_CLONE, Subject.SYSTEM_CONTAINER)), lab.prepared,
                "the lab made what the racers need (the clone's template) before the race");
        assertEquals("race [VM, VM_CLONE, SYSTEM_CONTAINER]", events.get(1));
        assertTrue(events.contains("vm ready") && events.contains("system-ct ready"), events.toString());
        assertTrue(events.indexOf("vm kernel") < events.indexOf("vm ready"), "phases arrive in order per kind");
        assertEquals(Accelerator.TCG, set.meta().accelerator());
        assertEquals(1, set.meta().runs());
        assertEquals(List.of(Subject.VM, Subject.VM_CLONE, Subject.SYSTEM_CONTAINER),
                set.boots().stream().map(BootTrial::subject).toList());
        assertEquals(Duration.ofMillis(5000), set.boots().get(0).timeline().at(Phase.READY).orElseThrow());
        assertEquals(3, set.memory().size());
        assertEquals(3, set.disk().size());
        assertEquals(List.of(Subject.HOST, Subject.VM, Subject.VM_CLONE, Subject.SYSTEM_CONTAINER),
                set.isolation().stream().map(r -> r.subject()).toList());
        assertEquals(4 * 4, set.benchmarks().size(), "4 benchmarks on the host and in each guest");
        assertTrue(lab.existing.isEmpty(), "everything removed: " + lab.existing);
        assertEquals(3, lab.removed.size());
    }

    @Test
    void cancelDuringTheRaceRemovesTheGuestStillBootingAndTheOneThatIsReady() throws Exception {
        lab.hang.add(Subject.VM);
        SideBySideRun run = new SideBySideRun(lab, host, Clock.systemUTC());
        CompletableFuture<MeasurementSet> f = CompletableFuture.supplyAsync(
                () -> run.run(options(null), SideBySideRun.RACERS, listener));
        assertTrue(lab.hanging.await(10, TimeUnit.SECONDS), "the VM is booting");
        for (int i = 0; i < 500 && !events.contains("system-ct ready"); i++) {
            Thread.sleep(10);
        }
        assertTrue(events.contains("system-ct ready"), "the system container is ready");
        run.cancel();
        Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof HyperlabException && e.getCause().getMessage().contains("cancelled"),
                String.valueOf(e.getCause()));
        assertTrue(lab.existing.isEmpty(), "left behind: " + lab.existing);
        assertTrue(lab.removed.stream().anyMatch(n -> n.endsWith("-vm")), lab.removed.toString());
        assertTrue(lab.removed.stream().anyMatch(n -> n.endsWith("-system-ct")), lab.removed.toString());
        assertTrue(run.cleanupFailures().isEmpty());
    }

    @Test
    void cancelWhileTheVmIsStillBeingCreatedEndsTheRunPromptly() throws Exception {
        lab.hangInCreation.add(Subject.VM);
        SideBySideRun run = new SideBySideRun(lab, host, Clock.systemUTC());
        CompletableFuture<MeasurementSet> f = CompletableFuture.supplyAsync(
                () -> run.run(options(null), SideBySideRun.RACERS, listener));
        assertTrue(lab.creating.await(10, TimeUnit.SECONDS), "the VM is being created");
        long t0 = System.nanoTime();
        run.cancel();
        Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS),
                "before the fix the run ended only after the VM had booted");
        assertTrue(e.getCause() instanceof HyperlabException && e.getCause().getMessage().contains("cancelled"),
                String.valueOf(e.getCause()));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000);
        assertTrue(lab.cancelledLaunches.stream().anyMatch(n -> n.endsWith("-vm")), lab.cancelledLaunches.toString());
        assertTrue(lab.existing.isEmpty(), "left behind: " + lab.existing);
        assertTrue(run.cleanupFailures().isEmpty(), run.cleanupFailures().toString());
    }

    @Test
    void aContainerEngineThatRefusesEndsTheRaceAtOnceWithItsError() {
        lab.fail.add(Subject.SYSTEM_CONTAINER);
        lab.hang.add(Subject.VM); // would boot for 30 s if the race waited for it
        long t0 = System.nanoTime();
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> new SideBySideRun(lab, host, Clock.systemUTC()).run(options(null), SideBySideRun.RACERS, listener));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5_000, "the failure surfaced after " + ms + " ms");
        assertTrue(e.getMessage().contains("container engine refused"), e.getMessage());
        assertTrue(lab.existing.isEmpty(), "left behind: " + lab.existing);
    }
}
