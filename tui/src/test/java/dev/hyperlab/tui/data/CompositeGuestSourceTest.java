package dev.hyperlab.tui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.container.docker.DockerApiEngine;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.data.lab.ContainerGuestSource;
import dev.hyperlab.tui.data.libvirt.LibvirtGuestSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VMs from test:///default beside an engine socket that does not exist. */
class CompositeGuestSourceTest {
    static ContainerGuestSource deadEngine() {
        return new ContainerGuestSource(() -> {
            DockerApiEngine.connect(List.of("unix:///nonexistent/podman.sock"));
            throw new AssertionError("connected to a socket that does not exist");
        }, "engine");
    }

    @Test
    void oneSideDownIsAProblemBesideTheOtherSidesRows() {
        try (CompositeGuestSource s = new CompositeGuestSource(new LibvirtGuestSource("test:///default"), deadEngine())) {
            Fetch f = s.fetch();
            assertTrue(f.guests().stream().anyMatch(g -> g.kind() == GuestKind.VM && g.name().equals("test")), f.toString());
            assertEquals(1, f.problems().size(), f.problems().toString());
            assertTrue(f.problems().get(0).startsWith("engine unreachable: "), f.problems().get(0));
            assertEquals("test:///default + engine", s.describe());
        }
    }

    @Test
    void bothSidesDownMakesTheSourceUnavailable() {
        try (CompositeGuestSource s = new CompositeGuestSource(
                new LibvirtGuestSource("qemu+unix:///system?socket=/nonexistent/libvirt.sock"), deadEngine())) {
            SourceUnavailableException e = assertThrows(SourceUnavailableException.class, s::fetch);
            assertTrue(e.getMessage().contains("unreachable") && e.getMessage().contains("engine unreachable"),
                    e.getMessage());
        }
    }
}
