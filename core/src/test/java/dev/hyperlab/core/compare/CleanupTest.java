package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CleanupTest {
    private final FakeLab lab = new FakeLab();
    private final CompareOptions o = new CompareOptions("debian-12", 1, 1, 1L << 30, null, Duration.ofMinutes(15), 0, 1, 1);

    @Test
    void closeRemovesLaunchedGuestsInReverseOrder() {
        try (Cleanup c = new Cleanup(lab)) {
            c.launch(Subject.VM, "a", o, t -> { });
            c.launch(Subject.APP_CONTAINER, "b", o, t -> { });
        }
        assertEquals(List.of("b", "a"), lab.removed);
        assertTrue(lab.existing.isEmpty());
    }

    /** Seen for real: libvirtd restarted by someone else while a VM lever's VM was being removed. */
    @Test
    void aRemovalCutOffMidRunIsTriedAgainWhenTheRunEnds() {
        lab.failRemovalOnce.add("a");
        Cleanup c = new Cleanup(lab);
        try (c) {
            LaunchedGuest g = c.launch(Subject.VM, "a", o, t -> { });
            c.remove(g);
            assertTrue(lab.existing.contains("a"), "the first removal was cut off");
        }
        assertTrue(lab.existing.isEmpty(), "removed when the run ended: " + lab.existing);
        assertTrue(c.failures().isEmpty(), c.failures().toString());
    }

    /**
     * The defect this guards against: a cancel while a VM was still being created (no domain yet) found
     * nothing to remove, and the VM went on to boot fully before it was removed.
     */
    @Test
    void cancelStopsALaunchStillBeingCreatedAtOnceAndMakesNothingNew() throws Exception {
        lab.hangInCreation.add(Subject.VM);
        Cleanup c = new Cleanup(lab);
        CompletableFuture<LaunchedGuest> launch = CompletableFuture.supplyAsync(
                () -> c.launch(Subject.VM, "creating", o, t -> { }));
        assertTrue(lab.creating.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        c.cancel();
        long cancelMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(cancelMillis < 5_000, "cancel returned after " + cancelMillis + " ms");
        ExecutionException e = assertThrows(ExecutionException.class, () -> launch.get(1, TimeUnit.SECONDS));
        assertEquals(ErrorCode.CANCELLED, ((HyperlabException) e.getCause()).code(), e.getCause().getMessage());
        assertEquals(List.of("creating"), lab.cancelledLaunches);
        assertTrue(lab.existing.isEmpty(), "left behind: " + lab.existing);
        assertTrue(c.cancelled());
        assertTrue(c.failures().isEmpty(), c.failures().toString());
        HyperlabException later = assertThrows(HyperlabException.class, () -> c.launch(Subject.SYSTEM_CONTAINER, "next", o, t -> { }),
                "nothing new is made after a cancel");
        assertTrue(later.getMessage().contains("cancelled"), later.getMessage());
        c.close();
        assertTrue(lab.existing.isEmpty());
    }

    @Test
    void cancelMidBootStopsTheBootAndRemovesTheGuest() throws Exception {
        lab.hang.add(Subject.VM);
        Cleanup c = new Cleanup(lab);
        CompletableFuture<LaunchedGuest> launch = CompletableFuture.supplyAsync(() -> c.launch(Subject.VM, "booting", o, t -> { }));
        assertTrue(lab.hanging.await(10, TimeUnit.SECONDS));
        c.cancel();
        assertThrows(ExecutionException.class, () -> launch.get(1, TimeUnit.SECONDS));
        assertEquals(List.of("booting"), lab.cancelledLaunches, "the launch itself stopped, not only a removal by name");
        assertTrue(lab.existing.isEmpty(), "left behind: " + lab.existing);
        assertTrue(lab.removed.contains("booting"), "removed once more by name after the launch ended: " + lab.removed);
    }

    @Test
    void aLaunchThatIgnoresTheCancelIsRemovedByNameAfterTheWait() throws Exception {
        lab.hangInCreation.add(Subject.VM);
        Cleanup c = new Cleanup(lab, Duration.ofMillis(200));
        // a token nobody cancels: the launch does not notice the stop
        CompletableFuture<LaunchedGuest> launch = CompletableFuture.supplyAsync(
                () -> c.launch(Subject.VM, "deaf", o, t -> { }, dev.hyperlab.core.model.Cancellation.NONE));
        assertTrue(lab.creating.await(10, TimeUnit.SECONDS));
        c.cancel();
        assertTrue(lab.removed.contains("deaf"), lab.removed.toString());
        assertTrue(c.failures().stream().anyMatch(f -> f.contains("did not stop")), c.failures().toString());
        launch.cancel(true);
    }

    @Test
    void aSecondStopWaitsForTheFirst() throws Exception {
        lab.hang.add(Subject.VM);
        Cleanup c = new Cleanup(lab);
        CompletableFuture.supplyAsync(() -> c.launch(Subject.VM, "booting", o, t -> { }));
        assertTrue(lab.hanging.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> cancel = CompletableFuture.runAsync(c::cancel);
        c.close(); // as the shutdown hook and close() may race: whichever comes second waits
        assertTrue(lab.existing.isEmpty(), "close returned before the removal ended: " + lab.existing);
        cancel.get(10, TimeUnit.SECONDS);
    }
}
