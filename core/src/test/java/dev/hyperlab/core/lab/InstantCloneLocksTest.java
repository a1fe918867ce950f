package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.template.TemplateNames;
import dev.hyperlab.core.template.TemplateRecord;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template's lock around an instant clone, on the fake hypervisor: clones of one template are
 * made at the same time (they share its lock), while its removal (or its make: whoever holds its
 * lock exclusively) and a clone wait for each other. Each clone here is stopped by an injected
 * failure when it starts to copy the saved state, which is as far as the lock matters.
 */
class InstantCloneLocksTest {
    @TempDir Path data;
    private final FakeHypervisor hv = new FakeHypervisor();
    private final HyperlabException stop = new HyperlabException(ErrorCode.OPERATION_FAILED, "the test stops here", null);

    private VmService service() {
        return new VmService(hv, name -> new BootImage(name, data.resolve("base.qcow2"), 64L << 20, Optional.empty(),
                Optional.empty(), Optional.empty()), new CloudInitSeedMaker(), data, System::nanoTime);
    }

    /** The volumes and record 'vm template create deb' leaves. */
    private void template(VmService svc) {
        VolumeRef disk = hv.createOverlay(VmService.POOL, TemplateNames.diskVol("deb"), "/base", 64L << 20);
        VolumeRef state = hv.createOverlay(VmService.POOL, TemplateNames.stateVol("deb"), disk.path(), 64L << 20);
        svc.templates().store().save(new TemplateRecord("deb", "debian-12", "", 2, 1L << 30, 64L << 20, "qemu",
                "pc-i440fx-7.2", VmService.POOL, disk.name(), state.name(), 0, "iid-template", "debian",
                "<domain type='qemu'><name>" + TemplateNames.domain("deb") + "</name></domain>",
                "<domainsnapshot><name>" + TemplateNames.SNAPSHOT + "</name></domainsnapshot>", "2026-12-04T03:00:00Z", 18.0));
    }

    private CompletableFuture<VmService.Created> clone(VmService svc, String name) {
        return CompletableFuture.supplyAsync(() -> svc.createFromTemplate(InstantCloneRequest.of(name, "deb"),
                System.nanoTime(), VmService.Listener.NONE, Cancellation.NONE));
    }

    private static HyperlabException failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (HyperlabException) e.getCause();
        }
        throw new AssertionError("it did not fail");
    }

    @Test
    @DisplayName("two clones of one template are made at the same time, and its removal waits for both")
    void clonesOfOneTemplateRunTogether() throws Exception {
        VmService svc = service();
        template(svc);
        CountDownLatch bothCopying = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        hv.onCall = c -> {
            if (c.equals("copyVolume")) {
                bothCopying.countDown();
                try {
                    go.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw stop;
            }
        };
        CompletableFuture<VmService.Created> web1 = clone(svc, "web1");
        CompletableFuture<VmService.Created> web2 = clone(svc, "web2");
        assertTrue(bothCopying.await(20, TimeUnit.SECONDS), "both clones copy the template's state at once: " + hv.calls);
        assertTrue(svc.locks().tryAcquire(VmTemplates.LOCK_KIND, "deb").isEmpty(), "nothing takes it exclusively meanwhile");
        CompletableFuture<Void> rm = CompletableFuture.runAsync(() -> svc.templates().remove("deb"));
        Thread.sleep(300);
        assertFalse(rm.isDone(), "the removal waits for the clones being made");
        assertTrue(svc.templates().store().exists("deb"));
        go.countDown();
        assertEquals(stop, failure(web1));
        assertEquals(stop, failure(web2));
        rm.get(20, TimeUnit.SECONDS); // the clones failed: nothing backs on its disk any more
        assertFalse(svc.templates().store().exists("deb"));
        assertTrue(hv.volumes.isEmpty(), "volumes left: " + hv.volumes.keySet());
        assertFalse(Files.exists(svc.locks().file(VmTemplates.LOCK_KIND, "deb")), "the last clone deleted the lock file");
    }

    @Test
    @DisplayName("a clone waits while its template's lock is held exclusively (the template being made or removed)")
    void aCloneWaitsForTheTemplatesMakeOrRemoval() throws Exception {
        VmService svc = service();
        template(svc);
        hv.onCall = c -> {
            if (c.equals("copyVolume")) {
                throw stop;
            }
        };
        CompletableFuture<VmService.Created> web;
        try (NameLocks.Held removing = svc.locks().acquire(VmTemplates.LOCK_KIND, "deb", Duration.ofSeconds(1))) {
            web = clone(svc, "web");
            awaitVmLock(svc, "web");
            Thread.sleep(300);
            assertFalse(hv.calls.contains("copyVolume"), "the clone waits: " + hv.calls);
        }
        assertEquals(stop, failure(web));
        assertTrue(hv.calls.contains("copyVolume"), hv.calls.toString());
    }

    @Test
    @DisplayName("a clone whose template was removed while it waited for the template's lock copies nothing: NOT_FOUND")
    void aCloneOfATemplateRemovedMeanwhileIsRefused() throws Exception {
        VmService svc = service();
        template(svc);
        CompletableFuture<VmService.Created> web;
        try (NameLocks.Held removing = svc.locks().acquire(VmTemplates.LOCK_KIND, "deb", Duration.ofSeconds(1))) {
            web = clone(svc, "web");
            awaitVmLock(svc, "web"); // it checked the template: it waits for the lock now
            svc.templates().store().remove("deb"); // what 'template rm' does under this lock
            hv.deleteVolume(VmService.POOL, TemplateNames.stateVol("deb"));
            hv.deleteVolume(VmService.POOL, TemplateNames.diskVol("deb"));
        }
        HyperlabException e = failure(web);
        assertEquals(ErrorCode.NOT_FOUND, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("no template named 'deb'"), e.getMessage());
        assertFalse(hv.calls.contains("copyVolume"), hv.calls.toString());
        assertTrue(hv.volumes.isEmpty() && hv.domains.isEmpty(), "nothing was made");
    }

    /** Until the clone holds its own name's lock, which it takes after its checks and before the template's. */
    private static void awaitVmLock(VmService svc, String name) throws InterruptedException {
        Path f = svc.locks().file(VmService.LOCK_KIND, name);
        for (int i = 0; i < 2000 && !Files.exists(f); i++) {
            Thread.sleep(5);
        }
        assertTrue(Files.exists(f), "the clone took the lock of " + name);
    }
}
