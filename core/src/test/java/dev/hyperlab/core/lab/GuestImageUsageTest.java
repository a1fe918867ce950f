package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.VmInfo;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** `image rm` is refused while a guest uses the image, and when nobody could say whether one does. */
class GuestImageUsageTest {
    static ImageRecord image(String name) {
        return new ImageRecord(name, ImageFormat.QCOW2, 1, 1, "test", "0".repeat(64), "now", Map.of(), Map.of());
    }

    static GuestSummary container(String name, String image) {
        return new GuestSummary(GuestKind.CONTAINER, name, GuestState.RUNNING, 1, 0, image, BootTimeline.empty(), Optional.empty());
    }

    @Test
    void namesTheVmsAndContainersMadeFromTheImage() {
        VmInfo other = new VmInfo("plain", "u", GuestState.RUNNING, 1, 1, 0, Optional.empty(), BootTimeline.empty());
        AtomicInteger asked = new AtomicInteger();
        GuestImageUsage usage = new GuestImageUsage(() -> {
            asked.incrementAndGet();
            return List.of(other);
        }, () -> List.of(container("web", "debian-12"), container("job", "alpine")));
        assertEquals(List.of("ct/web"), usage.guestsUsing(image("debian-12")));
        assertEquals(List.of("ct/job"), usage.guestsUsing(image("alpine")));
        assertEquals(List.of(), usage.guestsUsing(image("fedora")));
        assertEquals(1, asked.get(), "the daemons are asked once per command, not once per image");
    }

    @Test
    void anUnreachableDaemonCountsAsAnUnknownUserSoNothingIsRemovedBlindly() {
        GuestImageUsage usage = new GuestImageUsage(() -> {
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "libvirt down", null);
        }, List::of);
        assertEquals(List.of("unknown (VMs: libvirt down)"), usage.guestsUsing(image("debian-12")));
    }

    @Test
    void aTemplateMadeFromTheImageUsesItToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        dev.hyperlab.core.template.TemplateStore store = new dev.hyperlab.core.template.TemplateStore(data);
        store.save(dev.hyperlab.core.template.TemplateStoreTest.record("deb"));
        GuestImageUsage usage = new GuestImageUsage(List::of, List::of, store::all);
        assertEquals(List.of("template/deb"), usage.guestsUsing(image("debian-12")), "its frozen disk backs on the image");
        assertEquals(List.of(), usage.guestsUsing(image("alpine")));
    }
}
