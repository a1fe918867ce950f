package dev.hyperlab.tui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.container.docker.DockerApiEngine;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.data.lab.ContainerGuestSource;
import dev.hyperlab.core.lab.VmServices;
import dev.hyperlab.tui.data.lab.VmGuestSource;
import dev.hyperlab.tui.data.lab.VmLab;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
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

    /** A side whose fetch can be made to hang (an engine restarting: the socket accepts, nothing answers) or fail. */
    private static final class Switchable implements GuestSource {
        final GuestKind kind;
        volatile boolean hang;
        volatile boolean fail;
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        Switchable(GuestKind kind) { this.kind = kind; }

        @Override public Fetch fetch() {
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail) {
                throw new SourceUnavailableException(describe() + ": reconnecting… (test)", null);
            }
            GuestSummary g = new GuestSummary(kind, kind.shortName() + "-1", GuestState.RUNNING, 1, 1 << 20, "",
                    BootTimeline.empty(), Optional.empty());
            return new Fetch(List.of(g), Map.of(new GuestKey(kind, g.name()), new GuestSample(5, Optional.empty())),
                    System.nanoTime());
        }

        @Override public List<Field> details(GuestKey key) { return List.of(); }

        @Override public AutoCloseable subscribe(Runnable onChange) { return () -> { }; }

        @Override public String describe() { return kind == GuestKind.VM ? "libvirt" : "engine"; }

        @Override public void close() { release.countDown(); }
    }

    @Test
    @DisplayName("a side that hangs does not stall the other; its last rows show as unknown, without counters")
    void aHangingSideDoesNotStallTheOther() {
        Switchable vms = new Switchable(GuestKind.VM);
        Switchable cts = new Switchable(GuestKind.CONTAINER);
        try (CompositeGuestSource s = new CompositeGuestSource(vms, noActions(), cts, noActions())) {
            assertEquals(2, s.fetch().guests().size());
            cts.hang = true;
            long t0 = System.nanoTime();
            Fetch f = s.fetch();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < CompositeGuestSource.BUDGET.toMillis() + 1000, "waited " + ms + " ms");
            assertEquals(List.of("engine: not answering"), f.problems());
            GuestSummary vm = f.guests().stream().filter(g -> g.kind() == GuestKind.VM).findFirst().orElseThrow();
            GuestSummary ct = f.guests().stream().filter(g -> g.kind() == GuestKind.CONTAINER).findFirst().orElseThrow();
            assertEquals(GuestState.RUNNING, vm.state(), "the VM rows stay live");
            assertEquals(GuestState.UNKNOWN, ct.state(), "the stale container row is not shown as live");
            assertFalse(f.samples().containsKey(new GuestKey(GuestKind.CONTAINER, ct.name())), "no stale counters");
            // the next tick does not ask the hung side again, and is just as quick
            assertEquals(List.of("engine: not answering"), s.fetch().problems());
            cts.hang = false;
            cts.release.countDown();
            awaitNoProblems(s);
        }
    }

    @Test
    @DisplayName("a side that is down says so beside the other side's rows; both down with nothing known is unavailable")
    void aDownSideIsAProblemNotAFreeze() {
        Switchable vms = new Switchable(GuestKind.VM);
        Switchable cts = new Switchable(GuestKind.CONTAINER);
        try (CompositeGuestSource s = new CompositeGuestSource(vms, noActions(), cts, noActions())) {
            s.fetch();
            vms.fail = true;
            Fetch f = s.fetch();
            assertEquals(List.of("libvirt: reconnecting… (test)"), f.problems());
            assertTrue(f.guests().stream().anyMatch(g -> g.kind() == GuestKind.VM && g.state() == GuestState.UNKNOWN));
            assertTrue(f.guests().stream().anyMatch(g -> g.kind() == GuestKind.CONTAINER && g.state() == GuestState.RUNNING));
            vms.fail = false;
            assertTrue(s.fetch().problems().isEmpty(), "back on the next tick");
        }
    }

    private static void awaitNoProblems(CompositeGuestSource s) {
        for (int i = 0; i < 50; i++) {
            if (s.fetch().problems().isEmpty()) {
                return;
            }
        }
        throw new AssertionError("the side never came back");
    }
}
