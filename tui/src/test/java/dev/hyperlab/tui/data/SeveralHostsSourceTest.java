package dev.hyperlab.tui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.lab.VmServices;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.model.GuestSummary;
import dev.hyperlab.tui.data.lab.VmGuestSource;
import dev.hyperlab.tui.data.lab.VmLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUI over several libvirt hosts (each a test-driver file here): every host's VMs in one table,
 * another host's as HOST:NAME, actions and views reaching the right host, and a host that is down
 * a problem beside the others' rows.
 */
@DisplayName("the guest list over several hosts")
class SeveralHostsSourceTest {
    @TempDir Path dir;

    String host(String... domains) throws Exception {
        StringBuilder xml = new StringBuilder("<node>");
        for (String d : domains) {
            xml.append("<domain type='test'><name>").append(d).append("</name><memory>524288</memory>")
                    .append("<os><type>hvm</type></os></domain>");
        }
        Path f = Files.createTempFile(dir, "host", ".xml");
        Files.writeString(f, xml.append("</node>"));
        return "test://" + f;
    }

    static VmLab labAt(String uri) { return new VmLab(() -> VmServices.openDefaultEventually(uri)); }

    @Test
    void everyHostInOneTableWithActionsOnTheRightHost() throws Exception {
        String own = host("web", "db");
        String second = host("web");
        String gone = "qemu+unix:///system?socket=" + dir.resolve("nosuch.sock");
        try (VmLab ownLab = labAt(own); VmLab lab2 = labAt(second); VmLab lab3 = labAt(gone)) {
            HostGuestSource h2 = new HostGuestSource("lab2", VmGuestSource.of(lab2, "lab2"), lab2);
            HostGuestSource h3 = new HostGuestSource("lab3", VmGuestSource.of(lab3, "lab3"), lab3);
            try (CompositeGuestSource s = new CompositeGuestSource(List.of(
                    new CompositeGuestSource.Side("vm", VmGuestSource.of(ownLab, own), ownLab,
                            k -> k.kind() == GuestKind.VM && GuestHost.hostOf(k.name()).isEmpty()),
                    new CompositeGuestSource.Side("vm@lab2", h2, h2, h2::owns),
                    new CompositeGuestSource.Side("vm@lab3", h3, h3, h3::owns)))) {
                Fetch f = s.fetch();
                assertEquals(List.of("db", "lab2:web", "web"), f.guests().stream().map(GuestSummary::name).sorted().toList(),
                        "two hosts may both have a 'web'");
                assertTrue(f.samples().containsKey(new GuestKey(GuestKind.VM, "lab2:web")));
                assertEquals(1, f.problems().size(), f.problems().toString());
                assertTrue(f.problems().get(0).startsWith("lab3: libvirt: reconnecting…"), f.problems().get(0));

                s.destroy(new GuestKey(GuestKind.VM, "lab2:web"));
                Fetch after = s.fetch();
                assertEquals(GuestState.STOPPED, state(after, "lab2:web"), "destroyed on lab2");
                assertEquals(GuestState.RUNNING, state(after, "web"), "the own host's web is another VM");
                assertEquals("lab2", s.details(new GuestKey(GuestKind.VM, "lab2:web")).get(0).value());

                HostRoutedVms views = new HostRoutedVms(ownLab, Map.of("lab2", lab2));
                assertEquals(List.of(), views.list("lab2:web"), "lab2's web is asked");
                assertEquals(List.of(), views.list("db"), "a plain name is the own host's");
                org.junit.jupiter.api.Assertions.assertThrows(dev.hyperlab.core.error.HyperlabException.class,
                        () -> views.list("lab2:db"), "db is only on the own host: lab2 has none");
            }
        }
    }

    static GuestState state(Fetch f, String name) {
        return f.guests().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow().state();
    }
}
