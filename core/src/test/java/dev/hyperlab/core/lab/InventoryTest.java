package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.core.vm.VmInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** `hyperlab list`: both kinds in one table, and one daemon being down never hides the other's guests. */
class InventoryTest {
    static final GuestSummary CT = new GuestSummary(GuestKind.CONTAINER, "web", GuestState.RUNNING, 1, 64L << 20,
            "debian-12", BootTimeline.empty(), Optional.empty());
    static final VmInfo VM = new VmInfo("db", "uuid", GuestState.STOPPED, 2, 1L << 30, 0, Optional.empty(), BootTimeline.empty());

    @Test
    void listsVmsFirstThenContainersByName() {
        Inventory.Listing l = Inventory.list(() -> List.of(VM), () -> List.of(CT));
        assertEquals(List.of("db", "web"), l.guests().stream().map(GuestSummary::name).toList());
        assertEquals(GuestKind.VM, l.guests().get(0).kind());
        assertEquals("-", l.guests().get(0).image(), "a domain hyperlab did not make has no image label");
        assertTrue(l.problems().isEmpty());
    }

    @Test
    void anUnreachableLibvirtStillListsContainersAndSaysWhy() {
        Inventory.Listing l = Inventory.list(() -> {
            throw new HyperlabException(ErrorCode.UNAVAILABLE, "connecting to libvirt failed", "try hyperlab doctor");
        }, () -> List.of(CT));
        assertEquals(List.of(CT), l.guests());
        assertEquals(List.of("VMs: connecting to libvirt failed; try hyperlab doctor"), l.problems());
    }
}
