package dev.hyperlab.tui.bench;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.tui.TuiApp;
import dev.hyperlab.tui.TuiSession;
import dev.hyperlab.tui.data.CompositeGuestSource;
import dev.hyperlab.tui.data.TestDomains;
import dev.hyperlab.tui.data.lab.ContainerGuestSource;
import dev.hyperlab.tui.data.lab.VmLab;
import dev.hyperlab.tui.host.HostInfo;
import dev.hyperlab.tui.host.HostInfoProbe;
import dev.hyperlab.tui.refresh.Refresher;
import dev.hyperlab.tui.refresh.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One TUI refresh over several libvirt hosts of G guests each (default 3 x 200), each host a
 * test-driver file served by the running libvirtd over its remote protocol ({@code test+unix:///FILE}:
 * the RPC a qemu+tcp or qemu+ssh host goes through, on loopback), wired as {@code hyperlab tui} wires
 * hosts.yaml's hosts ({@link TuiApp#sides}). Prints the refresh's median and p95; asserts nothing.
 * Run with scripts/bench/multi-host-refresh.sh.
 */
public final class MultiHostRefreshBench {
    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int guests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = 100;
        Path dir = Files.createTempDirectory("hyperlab-hosts-bench");
        List<String> uris = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            StringBuilder xml = new StringBuilder("<node>");
            for (int i = 0; i < guests; i++) {
                xml.append(TestDomains.labelledXml(String.format("h%d-vm-%03d", h, i), 256, 1, "debian-12", 60_000 + i));
            }
            Path f = dir.resolve("host" + h + ".xml");
            Files.writeString(f, xml.append("</node>"));
            uris.add("test+unix://" + f);
        }
        Wiring wiring = Wiring.fromEnvironment(uris.get(0));
        Map<String, VmLab> others = new LinkedHashMap<>();
        for (int h = 1; h < hosts; h++) {
            String uri = uris.get(h);
            others.put("host" + h, new VmLab(wiring.forHost(uri)::vmsEventually));
        }
        ContainerGuestSource noEngine = new ContainerGuestSource(() -> {
            throw new dev.hyperlab.core.error.HyperlabException(dev.hyperlab.core.error.ErrorCode.UNAVAILABLE,
                    "no engine in this benchmark", null);
        }, "engine");
        HostInfo host = HostInfoProbe.probe(uris.get(0), Path.of("/tmp"));
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(120, 40));
        try (VmLab vms = new VmLab(wiring::vmsEventually);
             CompositeGuestSource source = new CompositeGuestSource(TuiApp.sides(wiring, vms, others, noEngine));
             TuiSession session = TuiSession.start(terminal, source, source, () -> host)) {
            Refresher probe = new Refresher(source, s -> { }, () -> null, Duration.ofSeconds(1), Duration.ZERO);
            long c0 = System.nanoTime();
            Snapshot first = probe.reload();
            long cold = System.nanoTime() - c0;
            if (first.rows().size() != hosts * guests) {
                throw new IllegalStateException("expected " + hosts * guests + " rows, got " + first.rows().size());
            }
            for (int i = 0; i < 20; i++) {
                session.applyAndWait(probe.reload());
            }
            long[] total = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                session.applyAndWait(probe.reload());
                total[i] = System.nanoTime() - t0;
            }
            System.out.printf(Locale.ROOT, "hosts=%d guests/host=%d rows=%d rounds=%d transport=test+unix (libvirtd RPC)%n",
                    hosts, guests, hosts * guests, rounds);
            System.out.printf(Locale.ROOT, "refresh fetch+apply ms: median %.1f  p95 %.1f  max %.1f%n",
                    pct(total, 50) / 1e6, pct(total, 95) / 1e6, pct(total, 100) / 1e6);
            System.out.printf(Locale.ROOT, "first refresh (connect + every domain's metadata): %.1f ms%n", cold / 1e6);
            System.out.printf(Locale.ROOT, "host load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            others.values().forEach(VmLab::close);
        }
        System.exit(0);
    }

    private static long pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }
}
