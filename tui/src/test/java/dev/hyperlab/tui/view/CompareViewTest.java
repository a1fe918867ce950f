package dev.hyperlab.tui.view;

import dev.hyperlab.core.compare.FakeLab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.HostSpecs;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.core.lab.ImageService;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.host.Accelerator;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.tui.compare.CompareBackend;
import dev.hyperlab.tui.host.HostInfoProbe;
import dev.hyperlab.tui.images.StoreImagesBackend;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.store.ImageUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare view on an 80x24 virtual terminal: the real SideBySideRun (race, measurements,
 * Cleanup) over core's {@link FakeLab}, stepped: its guests reach the phases of a recorded TCG run
 * when the test says so, with a clock the test sets. Nothing boots and nothing leaves the machine.
 */
class CompareViewTest {
    private static final long T0 = 50_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(T0);
    private final FakeLab lab = new FakeLab().stepped(Subject.VM, Subject.VM_CLONE, Subject.SYSTEM_CONTAINER);

    {
        lab.timings.putAll(FakeLab.RECORDED);
    }
    private ScreenHarness screen;

    @BeforeEach
    void open() throws Exception {
        CompareBackend backend = new CompareBackend() {
            @Override public String image() { return "debian-12"; }

            @Override public void prepare(ProgressListener progress) { }

            @Override public GuestLab openLab() { return lab; }

            @Override public SideBySideRun.Host host() {
                return new SideBySideRun.Host(FakeLab.execIn(Subject.HOST),
                        () -> new AcceleratorDecision(Accelerator.TCG,
                                "/dev/kvm is present but the CPU advertises neither vmx nor svm"),
                        () -> new HostSpecs("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", 2, 24L << 30, "6.18.44-fc-v669"));
            }
        };
        ViewServices services = new ViewServices(new StoreImagesBackend(new ImageService(dir.resolve("images"),
                Catalog.builtIn(), () -> ImageUsage.NONE), (images, p) -> "not built in tests"), backend);
        screen = new ScreenHarness(MainScreenTest.URI, 80, 24, () -> HostInfoProbe.probe(MainScreenTest.URI, dir),
                dir, services, clock::get);
        screen.awaitText("running");
    }

    @AfterEach
    void close() {
        lab.advance(Subject.VM, 5); // never leave a launch waiting
        lab.advance(Subject.VM_CLONE, 5);
        lab.advance(Subject.SYSTEM_CONTAINER, 5);
        screen.close();
    }

    private void at(double seconds) {
        clock.set(T0 + (long) (seconds * 1e9));
    }

    /** The row of the race table for {@code phase}. */
    private static String row(String screenText, String phase) {
        return screenText.lines().filter(l -> l.startsWith(phase + " ")).findFirst().orElse("");
    }

    /** Length of the bar at the VM's column (9) of a race row: '#' reached, '=' still growing. */
    private static int vmBar(String row) {
        String cell = row.length() > 9 ? row.substring(9) : "";
        return (int) cell.chars().takeWhile(c -> c == '#' || c == '=' || c == '>').count();
    }

    private String startRace() throws InterruptedException {
        screen.type("b");
        String intro = screen.awaitText("Press Enter to start.");
        assertTrue(intro.split("\n")[0].startsWith("Compare: VM vs VM (instant clone) vs system container, image"), intro);
        assertTrue(intro.contains("ready to start"), intro);
        assertTrue(intro.split("\n", -1)[23].startsWith(KeyMap.footer(Context.COMPARE)), intro);
        screen.key(KeyType.Enter);
        return screen.awaitText("phase    VM");
    }

    @Test
    void barsGrowPerPhaseSideBySideThenTheReportTablesShow() throws Exception {
        String t = startRace();
        assertTrue(t.contains("Accelerator: TCG (/dev/kvm is present"), t);
        assertTrue(t.contains("NOTE: VMs ran under TCG"), t);
        assertTrue(t.split("\n")[0].contains("TCG  running"), t.split("\n")[0]);

        at(0.2);
        lab.advance(Subject.VM, 1);
        lab.advance(Subject.VM_CLONE, 1);
        lab.advance(Subject.SYSTEM_CONTAINER, 1);
        t = screen.await("all created", s -> row(s, "created").matches("created  #+ 0\\.1 s +#+ 0\\.2 s +#+ 0\\.2 s"));

        at(3);
        lab.advance(Subject.VM_CLONE, 3);
        lab.advance(Subject.SYSTEM_CONTAINER, 3);
        t = screen.await("the clone and the container ready, the VM waiting", s -> row(s, "ready").endsWith("# 2.9 s")
                && row(s, "ready").contains("# 2.0 s") && row(s, "started").contains("> ... 3.0 s"));
        assertTrue(row(t, "kernel").matches("kernel +- +-"), "the VM waits for 'started'; a clone and a container have no"
                + " kernel: " + row(t, "kernel"));
        assertTrue(row(t, "restored").matches("restored +- +#* ?0\\.7 s +-"), "only the clone is restored: " + row(t, "restored"));
        assertTrue(row(t, "identity").contains("1.9 s"), row(t, "identity"));
        assertTrue(row(t, "init").endsWith("# 1.1 s"), row(t, "init"));
        int at3 = vmBar(row(t, "started"));
        assertTrue(t.contains("bars: 0 to 5 s on the host clock"), t);

        at(8);
        t = screen.await("the VM's bar grown with the clock", s -> row(s, "started").contains("> ... 8.0 s"));
        int at8 = vmBar(row(t, "started"));
        assertTrue(at8 > at3, "the waiting bar grows: " + at3 + " -> " + at8);

        at(40);
        lab.advance(Subject.VM, 3);
        t = screen.await("the VM in userspace", s -> row(s, "init").contains("# 38.0 s")
                && row(s, "ready").contains("> ... 40.0 s"));
        assertTrue(row(t, "kernel").contains("# 4.1 s"), row(t, "kernel"));
        assertTrue(t.contains("bars: 0 to 1 min on the host clock"), t);
        assertTrue(vmBar(row(t, "init")) > vmBar(row(t, "kernel")), "later phases, longer bars\n" + t);

        at(105);
        lab.advance(Subject.VM, 1);
        t = screen.awaitText("hyperlab compare: VM vs containers on this host");
        assertTrue(t.split("\n")[0].endsWith("TCG  done"), t.split("\n")[0]);
        assertTrue(row(t, "ready").matches("ready +#{5,} 104\\.5 s +#* ?2\\.0 s +# 2\\.9 s"), row(t, "ready"));

        String report = allPages();
        for (String s : List.of("Accelerator: TCG", "NOTE: VMs ran under TCG", "emulation", "Boot phases",
                "Memory per idle instance", "Disk", "Overhead vs bare host", "Isolation: what each kind can and cannot do",
                "580 MB", "qcow2 overlay", "96.40 events/s", "6.1.0-27-")) {
            assertTrue(report.contains(s), "missing '" + s + "' in\n" + report);
        }
        assertTrue(report.lines().allMatch(l -> l.length() <= 80 && !l.endsWith("~")), "fits 80 columns uncut\n" + report);
        assertTrue(lab.existing.isEmpty(), "removed at the end: " + lab.existing);
        assertEquals(3, lab.removed.size(), lab.removed.toString());

        // a resize lays the report out again for the new width: the isolation table no longer wraps
        screen.terminal.setTerminalSize(new TerminalSize(130, 30));
        screen.key(KeyType.Home);
        String wide = allPages();
        assertTrue(wide.lines().anyMatch(l -> l.contains("kernel version seen") && l.contains("6.1.0-27-cloud-amd64")), wide);
        assertTrue(wide.lines().anyMatch(l -> l.length() > 80), "uses the width it has");
    }

    @Test
    void escDuringARunAsksThenRemovesEverythingItMade() throws Exception {
        startRace();
        lab.advance(Subject.SYSTEM_CONTAINER, 4);
        lab.advance(Subject.VM_CLONE, 4);
        lab.advance(Subject.VM, 1);
        screen.await("the container and the clone ready, the VM created", s -> row(s, "ready").endsWith("# 2.9 s")
                && row(s, "created").matches("created  #+ 0\\.1 s .*"));
        screen.key(KeyType.Escape);
        screen.awaitText("Cancel the comparison?");
        screen.type("n");
        screen.awaitNoText("Cancel the comparison?");
        assertTrue(screen.text().split("\n")[0].contains("running"), "'n' keeps it running");
        assertTrue(lab.removed.isEmpty());

        screen.key(KeyType.Escape);
        screen.awaitText("Cancel the comparison?");
        screen.type("y");
        // three racers' rows push the log's last line below a 24-line screen: the header says it
        String t = screen.await("cancelled and cleaned up", s -> s.split("\n")[0].endsWith("cancelled") && lab.existing.isEmpty());
        assertTrue(t.split("\n")[0].endsWith("cancelled"), t.split("\n")[0]);
        assertTrue(lab.existing.isEmpty(), "left behind: " + lab.existing);
        assertTrue(lab.removed.stream().anyMatch(n -> n.endsWith("-vm")), "the VM still booting: " + lab.removed);
        assertTrue(lab.removed.stream().anyMatch(n -> n.endsWith("-system-ct")), "the ready container: " + lab.removed);
        assertTrue(lab.removed.stream().anyMatch(n -> n.endsWith("-vm-clone")), "the ready clone: " + lab.removed);

        screen.key(KeyType.Escape); // nothing runs now: back to the guests
        String back = screen.awaitNoText("Compare: VM");
        assertTrue(back.contains("KIND NAME"), back);
        assertTrue(back.contains("compare: cancelled; everything the run made was removed"), back);
    }

    /** Every line of the view's body, page after page from the top. */
    private String allPages() throws InterruptedException {
        StringBuilder all = new StringBuilder();
        String prev = null;
        screen.key(KeyType.Home);
        Thread.sleep(100);
        for (int i = 0; i < 20; i++) {
            String now = screen.text();
            if (now.equals(prev)) {
                break;
            }
            all.append(now);
            prev = now;
            screen.key(KeyType.PageDown);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < deadline && screen.text().equals(now)) {
                Thread.sleep(20);
            }
        }
        assertFalse(all.isEmpty());
        return all.toString();
    }
}
