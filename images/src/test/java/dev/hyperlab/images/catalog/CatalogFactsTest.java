package dev.hyperlab.images.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every built-in catalog entry states its distro facts, and they survive the trip through store labels. */
class CatalogFactsTest {
    @Test
    @DisplayName("each catalog entry says its login user, firmware, seed placement, agent, console and container use")
    void everyEntryHasFacts() {
        for (CatalogEntry e : Catalog.builtIn().entries()) {
            DistroFacts f = e.facts();
            assertNotNull(f, e.name());
            assertFalse(f.loginUser().isBlank(), e.name());
            assertTrue(Set.of("bios", "uefi", "bios+uefi").contains(f.firmware()), e.name() + ": " + f.firmware());
            assertTrue(f.consoleArgs().contains("console=ttyS0"), e.name() + ": the serial console is where hyperlab reads");
            assertTrue(f.container().startsWith("yes: ") || f.container().startsWith("no: "), e.name());
            assertEquals(f, DistroFacts.fromLabels(f.toLabels()).orElseThrow(), e.name());
        }
    }

    @Test
    @DisplayName("Debian's seed is a virtio disk: its cloud kernel's initrd has no SATA cdrom path")
    void debianSeedIsVirtio() {
        assertEquals(DistroFacts.VIRTIO_DISK, Catalog.builtIn().get("debian-12-cloud").facts().seed());
        assertEquals("debian", Catalog.builtIn().get("debian-12-cloud").facts().loginUser());
    }
}
