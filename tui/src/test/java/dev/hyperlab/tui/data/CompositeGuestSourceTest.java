package dev.hyperlab.tui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.container.docker.DockerApiEngine;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.data.lab.ContainerGuestSource;
import dev.hyperlab.core.lab.VmServices;
import dev.hyperlab.tui.data.lab.VmGuestSource;
import dev.hyperlab.tui.data.lab.VmLab;
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

    /** Listing tests: no action is taken. */
    static GuestActions noActions() {
        return new GuestActions() {
            @Override public void start(GuestKey key) { throw new AssertionError(); }

            @Override public void stop(GuestKey key) { throw new AssertionError(); }

            @Override public void destroy(GuestKey key) { throw new AssertionError(); }

            @Override public void remove(GuestKey key) { throw new AssertionError(); }
        };
    }

    private static VmLab labAt(String uri) { return new VmLab(() -> VmServices.openDefaultEventually(uri)); }

    @Test
    void oneSideDownIsAProblemBesideTheOtherSidesRows() {
        ContainerGuestSource engine = deadEngine();
        try (VmLab lab = labAt("test:///default");
             CompositeGuestSource s = new CompositeGuestSource(VmGuestSource.of(lab, "test:///default"), noActions(),
                engine, engine)) {
            Fetch f = s.fetch();
            assertTrue(f.guests().stream().anyMatch(g -> g.kind() == GuestKind.VM && g.name().equals("test")), f.toString());
            assertEquals(1, f.problems().size(), f.problems().toString());
            assertTrue(f.problems().get(0).startsWith("engine: reconnecting… ("), f.problems().get(0));
            assertEquals("test:///default + engine", s.describe());
        }
    }

    @Test
    void bothSidesDownMakesTheSourceUnavailable() {
        ContainerGuestSource engine = deadEngine();
        String nowhere = "qemu+unix:///system?socket=/nonexistent/libvirt.sock";
        try (VmLab lab = labAt(nowhere);
             CompositeGuestSource s = new CompositeGuestSource(VmGuestSource.of(lab, nowhere), noActions(), engine, engine)) {
            SourceUnavailableException e = assertThrows(SourceUnavailableException.class, s::fetch);
            assertTrue(e.getMessage().contains("libvirt: reconnecting…") && e.getMessage().contains("engine: reconnecting…"),
                    e.getMessage());
        }
    }
}
