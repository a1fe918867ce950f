package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.VolumeRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VM on another libvirt host: nothing of this machine's files is assumed to be there. */
@DisplayName("vm create on a remote host")
class RemoteHostVmTest {
    @TempDir Path data;
    final FakeHypervisor hv = new FakeHypervisor("qemu+tcp://127.0.0.1:16510/system");
    final List<String> steps = new ArrayList<>();

    VmService service() throws Exception {
        Path blobs = Files.createDirectories(data.resolve("images/blobs/sha256"));
        Path disk = Files.writeString(blobs.resolve("aaaa"), "qcow2 bytes");
        Path kernel = Files.writeString(blobs.resolve("bbbb"), "kernel");
        Path initrd = Files.writeString(blobs.resolve("cccc"), "initrd");
        return new VmService(hv, name -> new BootImage(name, disk, 64L << 20, Optional.of(kernel), Optional.of(initrd),
                Optional.of("console=ttyS0")), new CloudInitSeedMaker(), data, System::nanoTime);
    }

    VmService.Listener listener() {
        return new VmService.Listener() {
            @Override public void step(String what) { steps.add(what); }
        };
    }

    @Test
    @DisplayName("the image is uploaded once per digest, the domain boots from the host's copies, and keeps no log file")
    void imagesUploadedOnce() throws Exception {
        try (VmService svc = service()) {
            svc.create(CreateVmRequest.of("web", "debian-12"), System.nanoTime(), listener());
            DomainSpec web = hv.domains.get("web");
            assertEquals("/pool/aaaa", hv.backing.get("web.qcow2"), "the overlay backs on the host's copy of the disk");
            assertEquals(Optional.of("/pool/bbbb"), web.kernel());
            assertEquals(Optional.of("/pool/cccc"), web.initrd());
            assertEquals("", web.consoleLogPath(), "virtlogd there cannot write into this machine's data directory");
            assertFalse(Files.exists(data.resolve("logs/web-console.log")));
            assertTrue(hv.volumes.keySet().containsAll(List.of("aaaa", "aaaa.whole", "bbbb.whole", "cccc.whole")));
            assertEquals(3, steps.stream().filter(s -> s.startsWith("uploading the")).count(), steps.toString());

            steps.clear();
            svc.create(CreateVmRequest.of("db", "debian-12"), System.nanoTime(), listener());
            assertEquals(0, steps.stream().filter(s -> s.startsWith("uploading")).count(), "once per digest: " + steps);
        }
    }

    @Test
    @DisplayName("a cut-off upload (no .whole marker) is never booted from: it is sent again")
    void cutOffUploadIsSentAgain() throws Exception {
        hv.volumes.put("aaaa", new VolumeRef(HostImages.POOL, "aaaa", "/pool/aaaa", 5, 5));
        try (VmService svc = service()) {
            svc.create(CreateVmRequest.of("web", "debian-12"), System.nanoTime(), listener());
            assertTrue(steps.stream().anyMatch(s -> s.startsWith("uploading the disk of debian-12")), steps.toString());
            assertTrue(hv.calls.contains("deleteVolume"), hv.calls.toString());
            assertTrue(hv.volumes.containsKey("aaaa.whole"));
        }
    }

    @Test
    @DisplayName("templates and instant clones are refused there before anything is made: they live on this machine")
    void localOnlyFeaturesSaySo() throws Exception {
        try (VmService svc = service()) {
            HyperlabException e = assertThrows(HyperlabException.class, svc::templates);
            assertEquals(ErrorCode.BAD_INPUT, e.code());
            assertTrue(e.getMessage().startsWith("templates work on the local host only"), e.getMessage());
            assertTrue(hv.calls.isEmpty(), hv.calls.toString());
        }
    }
}
