package dev.hyperlab.tui.data.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.data.GuestKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which hosts the TUI offers for a VM, by the host its listed name says it is on. */
class HostsVmMigrationsTest {
    @TempDir Path data;

    private HostsVmMigrations migrations() {
        return new HostsVmMigrations(new Wiring("qemu:///system", List.of(), data), "local",
                Map.of("local", "qemu:///system", "lab2", "qemu+tcp://127.0.0.1:16510/system", "lab3", "qemu+ssh://lab3/system"));
    }

    @Test
    void everyHostButItsOwn() {
        assertEquals(List.of("lab2", "lab3"), migrations().targets(new GuestKey(GuestKind.VM, "web")));
        assertEquals(List.of("lab3", "local"), migrations().targets(new GuestKey(GuestKind.VM, "lab2:web")));
    }

    @Test
    void containersDoNotMigrate() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> migrations().migrate(new GuestKey(GuestKind.CONTAINER, "box"), "lab2", s -> { }));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertEquals("only VMs migrate; box is a container", e.getMessage());
    }
}
