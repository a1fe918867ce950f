package dev.hyperlab.tui.bench;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.sun.management.OperatingSystemMXBean;
import dev.hyperlab.tui.TuiSession;
import dev.hyperlab.tui.data.lab.VmLab;
import dev.hyperlab.core.lab.VmServices;
import dev.hyperlab.tui.data.lab.VmGuestSource;
import dev.hyperlab.tui.data.TestDomains;
import dev.hyperlab.tui.host.HostInfo;
import dev.hyperlab.tui.host.HostInfoProbe;
import dev.hyperlab.tui.refresh.Refresher;
import dev.hyperlab.tui.refresh.Snapshot;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The TUI's performance targets with N guests on test:///default (default 500): one refresh
 * (fetch + build snapshot + apply + redraw on the GUI thread) at most 50 ms, idle CPU at most 1 %
 * of a core with the 1-second stats refresh running, RSS at most 200 MB.
 * Run with scripts/bench/tui-refresh.sh; prints numbers, asserts nothing.
 */
public final class TuiRefreshBench {
    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rounds = 100;
        try (TestDomains domains = new TestDomains()) {
            int labelled = 0;
            for (int i = 0; i < guests - 1; i++) { // test:///default already has its one domain "test"
                String name = String.format("bench-%03d", i);
                if ((i / 2) % 2 == 0) { // half carry hyperlab's metadata (label, timeline), running and stopped
                    domains.defineXml(name, TestDomains.labelledXml(name, 256, 1, "debian-12", 90_000 + i), i % 2 == 0);
                    labelled++;
                } else {
                    domains.define(name, 256, 1, i % 2 == 0);
                }
            }
            // The first fetch reads every domain's metadata once; later ones read it from the cache.
            long cold;
            long warm;
            try (VmLab freshVms = new VmLab(() -> VmServices.openDefault("test:///default"))) {
                VmGuestSource fresh = VmGuestSource.of(freshVms, "test:///default");
                long c0 = System.nanoTime();
                fresh.fetch();
                long c1 = System.nanoTime();
                fresh.fetch();
                cold = c1 - c0;
                warm = System.nanoTime() - c1;
            }
            // The one-off host probe (it asks the container engine) runs before, not during, the measurement.
            HostInfo host = HostInfoProbe.probe("test:///default", Path.of("/tmp"));
            DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
            try (VmLab vms = new VmLab(() -> VmServices.openDefault("test:///default"));
                 TuiSession session = TuiSession.start(terminal, VmGuestSource.of(vms, "test:///default"), vms,
                         () -> host)) {
                VmGuestSource source = VmGuestSource.of(vms, "test:///default");
                Refresher probe = new Refresher(source, s -> { }, () -> null, Duration.ofSeconds(1), Duration.ZERO);
                Snapshot s = probe.reload();
                if (s.rows().size() != guests) {
                    throw new IllegalStateException("expected " + guests + " rows, got " + s.rows().size());
                }
                for (int i = 0; i < 20; i++) { // warm up the JIT
                    session.applyAndWait(probe.reload());
                }
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long roundsCpu0 = os.getProcessCpuTime();
                long[] total = new long[rounds];
                long[] fetch = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    Snapshot snap = probe.reload();
                    long t1 = System.nanoTime();
                    session.applyAndWait(snap);
                    long t2 = System.nanoTime();
                    fetch[i] = t1 - t0;
                    total[i] = t2 - t0;
                }
                // CPU time per refresh does not grow with the host's load the way wall time does.
                double cpuPerRefresh = (os.getProcessCpuTime() - roundsCpu0) / 1e6 / rounds;
                Thread.sleep(10_000); // let the JIT and the session's own ticks settle
                long cpu0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                Thread.sleep(idleSeconds * 1000L);
                double idlePct = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - w0);
                System.out.printf(Locale.ROOT, "guests=%d rounds=%d%n", guests, rounds);
                System.out.printf(Locale.ROOT, "refresh fetch+apply ms: median %.1f  p95 %.1f  max %.1f (fetch alone: median %.1f)%n",
                        ms(pct(total, 50)), ms(pct(total, 95)), ms(pct(total, 100)), ms(pct(fetch, 50)));
                System.out.printf(Locale.ROOT, "first fetch, %d of them with hyperlab metadata to read: %.1f ms"
                        + " (connect included); the next: %.1f ms%n", labelled, ms(cold), ms(warm));
                System.out.printf(Locale.ROOT, "process CPU per refresh (all threads, incl. the 1 s ticks): %.1f ms%n",
                        cpuPerRefresh);
                System.out.printf(Locale.ROOT, "host load average during the run: %s%n",
                        Files.readString(Path.of("/proc/loadavg")).trim());
                System.out.printf(Locale.ROOT, "idle CPU over %d s with the 1 s stats refresh: %.2f %% of one core%n",
                        idleSeconds, idlePct);
                System.out.println("memory: " + status("VmRSS") + " (peak " + status("VmHWM") + ")");
            }
        }
        System.exit(0);
    }

    private static long pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static double ms(long nanos) { return nanos / 1e6; }

    private static String status(String field) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field + ":"))
                .map(l -> l.substring(field.length() + 1).trim()).findFirst().orElse("?");
    }
}
