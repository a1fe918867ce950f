package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What 'image info' shows: how the disk boots, and the distro facts a pulled image was stored with. */
class ImageInfoTest {
    @Test
    @DisplayName("a pulled catalog image: firmware read from its disk, and every distro fact")
    void pulledImage() {
        Map<String, String> labels = new HashMap<>(Catalog.builtIn().get("ubuntu-24.04").facts().toLabels());
        labels.put("firmware", "bios+uefi");
        labels.put("firmware.detail", "GPT: boot code in the protective MBR and a BIOS boot partition; "
                + "EFI system partition 15 with EFI/BOOT/BOOTX64.EFI");
        String text = ImageCommand.Info.describe(new ImageRecord("ubuntu-24.04", ImageFormat.QCOW2, 3L << 30, 600L << 20,
                "https://cloud-images.ubuntu.com/x.img", "ab".repeat(32), "2026-12-03T08:00:00Z",
                Map.of(ImageRecord.DISK, "ab".repeat(32)), labels));
        assertTrue(text.contains("boots with:      bios+uefi (GPT: boot code in the protective MBR"), text);
        assertTrue(text.contains("  login user:    ubuntu"), text);
        assertTrue(text.contains("  seed:          virtio-disk"), text);
        assertTrue(text.contains("  guest agent:   no"), text);
        assertTrue(text.contains("  console args:  console=tty1 console=ttyS0"), text);
        assertTrue(text.contains("  as container:  yes: the ext4 root"), text);
    }

    @Test
    @DisplayName("the built default image boots its own kernel and has no catalog facts")
    void builtImage() {
        String text = ImageCommand.Info.describe(new ImageRecord("debian-12", ImageFormat.QCOW2, 4L << 30, 600L << 20,
                "built:abc", "ab".repeat(32), "2026-12-03T08:00:00Z",
                Map.of(ImageRecord.DISK, "ab".repeat(32), ImageRecord.KERNEL, "cd".repeat(32)), Map.of()));
        assertTrue(text.contains("direct kernel boot"), text);
        assertTrue(text.contains("distro facts:    none stored"), text);
    }
}
