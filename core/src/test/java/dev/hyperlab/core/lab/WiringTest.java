package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services are built from the settings a Wiring holds, and only from them. */
class WiringTest {
    @TempDir Path dir;

    @Test
    void theLibvirtUriIsTheGivenOneElseTheEnvironmentsElseQemuSystem() {
        assertEquals("test:///default", Wiring.libvirtUri("test:///default", Map.of("LIBVIRT_DEFAULT_URI", "qemu:///session")));
        assertEquals("qemu:///session", Wiring.libvirtUri(null, Map.of("LIBVIRT_DEFAULT_URI", "qemu:///session")));
        assertEquals("qemu:///session", Wiring.libvirtUri(" ", Map.of("LIBVIRT_DEFAULT_URI", "qemu:///session")));
        assertEquals("qemu:///system", Wiring.libvirtUri(null, Map.of()));
    }

    @Test
    void vmsAreServedFromTheGivenLibvirtUriAndImagesFromTheGivenDataDirectory() {
        Wiring wiring = new Wiring("test:///default", List.of(), dir);
        try (VmService vms = wiring.vms()) {
            assertEquals("test:///default", vms.hypervisor().uri());
        }
        assertEquals(dir.resolve("images"), wiring.images().location());
    }

    @Test
    void containersUseOnlyTheGivenEngineEndpoints() {
        Path socket = dir.resolve("no-engine.sock");
        Wiring wiring = new Wiring("test:///default", List.of("unix://" + socket), dir);
        HyperlabException e = assertThrows(HyperlabException.class, wiring::containers);
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains(socket.toString()), e.getMessage());
    }

    @Test
    void theInventoryListsTheVmsAndReportsAnEngineThatDoesNotAnswerBesideThem() {
        Wiring wiring = new Wiring("test:///default", List.of("unix://" + dir.resolve("no-engine.sock")), dir);
        Inventory.Listing listing = wiring.inventory();
        assertTrue(listing.guests().stream().anyMatch(g -> g.kind() == GuestKind.VM && g.name().equals("test")),
                "the test driver's own domain: " + listing.guests());
        assertEquals(1, listing.problems().size(), listing.problems().toString());
        assertTrue(listing.problems().get(0).startsWith("containers: "), listing.problems().get(0));
    }
}
