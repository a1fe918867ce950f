package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.Cancellation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cancelled create stops within one hypervisor call, wherever it is, and leaves nothing. */
class VmServiceCancelTest {
    @TempDir Path data;
    private final FakeHypervisor hv = new FakeHypervisor();

    private VmService service() {
        return new VmService(hv, name -> new BootImage(name, data.resolve("base.qcow2"), 64L << 20, Optional.empty(),
                Optional.empty(), Optional.empty()), new CloudInitSeedMaker(), data, System::nanoTime);
    }

    private static CreateVmRequest request() {
        return CreateVmRequest.of("hlc-t-vm-1", "debian-12").withStart(true, true).withTimeout(Duration.ofMinutes(10));
    }

    private void assertNothingLeft() {
        assertTrue(hv.domains.isEmpty(), "domains left: " + hv.domains.keySet());
        assertTrue(hv.volumes.isEmpty(), "volumes left: " + hv.volumes.keySet());
        assertTrue(Files.notExists(data.resolve("logs/hlc-t-vm-1-console.log")), "console log left");
    }

    /** Cancelled while each step of the creation runs, i.e. before the domain exists and after. */
    @ParameterizedTest
    @ValueSource(strings = {"ensurePool", "createOverlay", "uploadVolume", "define", "start", "resume"})
    void aCancelDuringTheCreationStopsItThereAndUndoesEverything(String step) {
        Cancellation cancel = new Cancellation();
        hv.onCall = c -> {
            if (c.equals(step)) {
                cancel.cancel("test cancels during " + step);
            }
        };
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> service().create(request(), System.nanoTime(), VmService.Listener.NONE, cancel));
        assertEquals(ErrorCode.CANCELLED, e.code(), e.getMessage());
        assertTrue(hv.calls.indexOf(step) >= 0);
        if (hv.calls.contains("start")) {
            assertTrue(hv.calls.contains("destroy"), "a started domain is destroyed: " + hv.calls);
        }
        assertNothingLeft();
    }

    @Test
    void aCancelMidBootEndsTheWaitPromptlyDestroysTheDomainAndUndoesEverything() throws Exception {
        Cancellation cancel = new Cancellation();
        CompletableFuture<VmService.Created> create = CompletableFuture.supplyAsync(
                () -> service().create(request(), System.nanoTime(), VmService.Listener.NONE, cancel));
        for (int i = 0; i < 500 && !hv.calls.contains("resume"); i++) {
            Thread.sleep(10);
        }
        assertTrue(hv.calls.contains("resume"), "the guest is booting: " + hv.calls);
        assertEquals(1, hv.domains.size());
        long t0 = System.nanoTime();
        cancel.cancel("test");
        ExecutionException e = assertThrows(ExecutionException.class, () -> create.get(5, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2_000, "the boot wait ended " + ms + " ms after the cancel");
        assertEquals(ErrorCode.CANCELLED, ((HyperlabException) e.getCause()).code());
        assertTrue(hv.calls.contains("destroy"), hv.calls.toString());
        assertNothingLeft();
    }

    @Test
    void purgeRemovesByNameWhatACreateWithoutADomainLeft() {
        VmService svc = service();
        hv.createOverlay(VmService.POOL, "hlc-t-vm-1.qcow2", "/base", 64L << 20);
        hv.uploadVolume(VmService.POOL, "hlc-t-vm-1-seed.iso", data);
        svc.purge("hlc-t-vm-1");
        assertNothingLeft();
        svc.purge("hlc-t-vm-1"); // idempotent
    }
}
