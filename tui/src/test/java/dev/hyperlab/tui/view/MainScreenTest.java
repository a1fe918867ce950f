package dev.hyperlab.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.libvirt.LibvirtHypervisor;
import dev.hyperlab.tui.data.TestDomains;
import dev.hyperlab.tui.host.HostInfo;
import dev.hyperlab.tui.host.HostInfoProbe;
import dev.hyperlab.tui.keys.KeyMap;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Screen tests: the real TUI on a virtual 80x24 terminal over libvirt's test:///default driver. */
class MainScreenTest {
    static final String URI = "test:///default";

    @TempDir
    Path dataDir;

    ScreenHarness screen;
    TestDomains domains;

    /**
     * The header's facts from the real probes, but with no container engine to ask: the header's libvirt
     * and accelerator facts are what these tests check, and Podman's {@code version} took over a minute
     * on a host at load 60, so the screen would wait on a daemon it does not test.
     */
    Supplier<HostInfo> host() {
        return () -> HostInfoProbe.probe(new Wiring(URI, List.of(), dataDir));
    }

    @BeforeEach
    void open() throws Exception {
        domains = new TestDomains();
    }

    @AfterEach
    void close() throws Exception {
        if (screen != null) {
            screen.close();
        }
        domains.close();
    }

    ScreenHarness start() throws Exception {
        screen = new ScreenHarness(URI, 80, 24, host(), dataDir);
        return screen;
    }

    @Test
    void tableShowsTheTestDriversDomainWithHeaderAndFooterAt80x24() throws Exception {
        domains.define("hl-stopped", 512, 1, false);
        start();
        String t = screen.awaitText("hl-stopped");
        String[] rows = t.split("\n", -1);
        assertTrue(rows[0].startsWith("hyperlab test:///default"), rows[0]);
        assertTrue(rows[2].matches("KIND +NAME +STATE +CPU +MEM +CPU% +UPTIME +READY +ADDRESS"), rows[2]);
        assertTrue(t.lines().anyMatch(l -> l.matches("vm +hl-stopped +stopped +1 +512M +- +- +- +-")), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("vm +test +running +2 +8\\.0G .*")), t);
        // the hints that fit before the count, whole: the last ones give way at 80 columns
        String hints = LinesView.beforeRight(KeyMap.footer(dev.hyperlab.tui.keys.Context.LIST), 80 - " 2/2".length());
        assertTrue(rows[23].startsWith(hints + " "), rows[23]);
        assertTrue(hints.startsWith("?:help  q:quit") && hints.endsWith("c:new"), hints);
        assertTrue(rows[23].endsWith("2/2"), rows[23]);
        // The host probe runs in the background and fills the header in when it answers.
        screen.await("the host header", s -> s.split("\n")[0].contains("libvirt 9.")
                && s.split("\n")[0].matches(".*(KVM|TCG) \\(.*"));
    }

    @Test
    void helpScreenShowsTheKeyTableAndScrolls() throws Exception {
        start();
        screen.awaitText("running");
        screen.type("?");
        List<String> lines = HelpWindow.lines(76);
        String t = screen.await("the first 10 help lines",
                s -> lines.subList(0, 10).stream().allMatch(l -> s.contains(l.strip())));
        String last = lines.get(lines.size() - 1).strip();
        assertFalse(t.contains(last), "the help must scroll at 24 rows\n" + t);
        for (int i = 0; i < lines.size() / 10; i++) {
            screen.key(KeyType.PageDown);
        }
        screen.awaitText(last);
        screen.key(KeyType.Escape);
        screen.awaitNoText("Keys");
    }

    @Test
    void theDetailPaneIsReadAgainWhileTheGuestStaysSelected() throws Exception {
        domains.define("hl-detail", 256, 1, false);
        start();
        String t = screen.awaitText("snapshots 0");
        assertTrue(t.contains("vm/hl-detail  stopped"), "the first row is selected:\n" + t);
        domains.snapshot("hl-detail", "before-upgrade"); // its row stays the same: only a new reading shows it
        t = screen.awaitText("snapshots 1");
        assertTrue(t.contains("vm/hl-detail  stopped"), "the selection did not move:\n" + t);
    }

    @Test
    void slashFiltersLiveAndEscClears() throws Exception {
        domains.define("hl-alpha", 256, 1, false);
        domains.define("hl-beta", 256, 1, true);
        start();
        screen.awaitText("hl-beta");
        screen.type("/alp");
        String t = screen.awaitNoText("hl-beta");
        assertTrue(t.contains("hl-alpha"), t);
        assertTrue(t.split("\n")[23].endsWith("/alp 1/3"), t);
        screen.key(KeyType.Enter); // keep the filter, back to the list
        screen.await("footer hints back", s -> s.split("\n")[23].startsWith("?:help"));
        screen.type("/running");
        screen.key(KeyType.Enter);
        t = screen.awaitNoText("hl-alpha");
        assertTrue(t.contains("hl-beta") && t.contains(" test "), t);
        screen.key(KeyType.Escape);
        screen.awaitText("hl-alpha");
        screen.type("/zzz");
        screen.awaitText("no guest matches 'zzz' (Esc shows all)");
    }

    @Test
    void colonRunsCommandsAndRejectsUnknownOnes() throws Exception {
        start();
        screen.awaitText("running");
        screen.type(":ct");
        screen.key(KeyType.Enter);
        screen.awaitText("no guest matches among cts (Esc shows all)");
        screen.type(":vm");
        screen.key(KeyType.Enter);
        screen.awaitText("running");
        screen.type(":images"); // this session was started without the views
        screen.key(KeyType.Enter);
        screen.awaitText("This session has no images view");
        screen.key(KeyType.Enter);
        screen.awaitNoText("This session has no images view");
        screen.type(":bogus");
        screen.key(KeyType.Enter);
        screen.awaitText("unknown command ':bogus'");
        screen.key(KeyType.Enter);
        screen.awaitNoText("unknown command");
        screen.type(":q");
        screen.key(KeyType.Enter);
        assertTrue(waitClosed(), "':q' must close the main window");
    }

    @Test
    void startKillAndRemoveWithConfirmation() throws Exception {
        domains.define("hl-gamma", 128, 1, false);
        start();
        screen.awaitText("hl-gamma");
        screen.type("/gamma");
        screen.key(KeyType.Enter);
        screen.awaitText("1/2");
        screen.type("s");
        screen.await("hl-gamma running", s -> s.lines().anyMatch(l -> l.matches("vm +hl-gamma +running .*")));
        assertTrue(domains.isActive("hl-gamma"));
        screen.type("K");
        screen.await("hl-gamma stopped", s -> s.lines().anyMatch(l -> l.matches("vm +hl-gamma +stopped .*")));
        screen.type("x");
        screen.awaitText("Remove vm/hl-gamma?");
        screen.type("n");
        screen.awaitNoText("Remove vm/hl-gamma?");
        assertTrue(domains.exists("hl-gamma"), "'n' must keep the guest");
        screen.type("x");
        screen.awaitText("Remove vm/hl-gamma?");
        screen.type("y");
        screen.awaitNoText("vm   hl-gamma");
        assertFalse(domains.exists("hl-gamma"));
    }

    /**
     * A VM hyperlab made earlier (the CLI, another TUI session): the row and the detail pane show
     * the image and the boot timeline from the domain's {@code <metadata>}, read by core's reader;
     * a timeline saved while the TUI runs (its metadata-change event) replaces the cached one.
     */
    @Test
    void vmRowsShowTheImageAndTimelineHyperlabStoredInTheDomain() throws Exception {
        String name = "hl-meta";
        try (LibvirtHypervisor hv = LibvirtHypervisor.connect(URI)) {
            hv.define(new DomainSpec(name, DomainType.QEMU, 2, 1L << 30, "/nonexistent/pool/" + name + ".qcow2",
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), NetworkSpec.NONE,
                    "/nonexistent/logs/" + name + "-console.log", new HyperlabLabel("debian-12",
                    Instant.parse("2026-11-30T10:00:00Z"), "iid-" + name, "hyperlab", name + ".qcow2", "", "")));
            try {
                BootTimeline t = BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(212))
                        .reached(Phase.STARTED, Duration.ofMillis(1004)).reached(Phase.KERNEL, Duration.ofMillis(3100))
                        .reached(Phase.INIT, Duration.ofMillis(19_420)).reached(Phase.READY, Duration.ofMillis(96_240));
                hv.saveTimeline(name, t);
                hv.start(name, false);
                start();
                screen.awaitLine("vm +hl-meta +running +2 +1\\.0G .* 96\\.2s +-");
                // the test driver's own domain has no label: nothing to show, and no error either
                screen.awaitLine("vm +test +running +2 +8\\.0G .* +- +-");
                screen.type("/hl-meta");
                screen.key(KeyType.Enter);
                String s = screen.awaitText("vm/hl-meta  running  image debian-12  address -");
                assertTrue(s.contains("boot: created 0.2s started 1.0s kernel 3.1s init 19.4s ready 96.2s"), s);

                hv.saveTimeline(name, BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(120))
                        .reached(Phase.READY, Duration.ofMillis(48_700))); // a later boot, saved by someone else
                screen.awaitLine("vm +hl-meta +running .* 48\\.7s +-");
                screen.awaitText("boot: created 0.1s ready 48.7s");
            } finally {
                hv.destroy(name);
                hv.undefine(name);
            }
        }
    }

    @Test
    void failedActionShowsAnErrorDialog() throws Exception {
        start();
        screen.awaitText("running");
        screen.type("s"); // "test" already runs: the VM service refuses, and says what to try
        String t = screen.awaitText("Error");
        assertTrue(t.contains("VM test is running already"), t);
        screen.key(KeyType.Escape);
        screen.awaitNoText("VM test is running already");
    }

    @Test
    void relayoutsOnResize() throws Exception {
        start();
        screen.awaitText("running");
        screen.terminal.setTerminalSize(new TerminalSize(120, 30));
        screen.await("footer on row 29 with the count at column 120", s -> {
            String footer = s.split("\n", -1)[29];
            return footer.startsWith("?:help") && footer.matches(".* \\d+/\\d+") && footer.length() == 120;
        });
        screen.terminal.setTerminalSize(new TerminalSize(60, 20));
        // Wait for the whole relayout (footer and table header), not just the first part drawn.
        String t = screen.await("footer on row 19 and the table header on row 2", s -> {
            String[] rows = s.split("\n", -1);
            return rows[19].startsWith("?:help") && rows[2].startsWith("KIND NAME");
        });
        String header = t.split("\n")[2];
        assertFalse(header.contains(" ADDRESS"), "the address is the first column dropped when narrow: " + header);
        assertTrue(header.startsWith("KIND NAME"), header);
    }

    @Test
    void unreachableDaemonShowsABanner() throws Exception {
        String uri = "qemu+unix:///system?socket=/nonexistent/libvirt.sock";
        screen = new ScreenHarness(uri, 80, 24, host(), dataDir);
        String t = screen.awaitText("libvirt: reconnecting…");
        assertTrue(t.split("\n")[2].startsWith(" ! libvirt: reconnecting… (connecting to libvirt at qemu+unix"), t);
        screen.awaitText("no connection to " + uri);
    }

    private boolean waitClosed() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!screen.session.gui().getWindows().contains(screen.session.window())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void footerComesFromTheKeyTable() {
        assertEquals("?:help  q:quit  /:filter  ::cmd  s:start  t:stop  K:kill  x:rm  c:new  i:images  b:race  L:labs",
                KeyMap.footer(dev.hyperlab.tui.keys.Context.LIST));
    }
}
