package dev.hyperlab.tui.view;

import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.tui.host.HostInfo;
import dev.hyperlab.tui.refresh.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The main screen's two header lines: the connection and host facts, memory, load and the guest count. GUI thread only. */
final class HostHeader {
    static final Duration HOST_FIGURES_PERIOD = Duration.ofSeconds(5);

    private final LinesView view = new LinesView(2);
    private final String sourceName;
    private String shownHostFigures;
    private long shownHostFiguresAt;

    HostHeader(String sourceName) { this.sourceName = sourceName; }

    LinesView view() { return view; }

    void render(Snapshot snapshot) {
        String l1 = "hyperlab " + sourceName;
        String l2;
        Optional<HostInfo> h = snapshot.host();
        if (h.isPresent()) {
            HostInfo hi = h.get();
            String hv = sourceName.startsWith("qemu") ? "QEMU " : "hv ";
            l1 += "  " + hi.accelerator() + " (" + hi.acceleratorWhy() + ")  libvirt "
                    + hi.libvirt().orElse("?") + "  " + hv + hi.hypervisor().orElse("?");
            long used = hi.load().memTotalBytes() - hi.load().memAvailableBytes();
            l2 = "engine " + hi.engine().orElse("unreachable") + "  mem " + steadyHostFigures(Formats.memory(used) + "/"
                    + Formats.memory(hi.load().memTotalBytes()) + "  load " + hi.load().loadAverage());
        } else {
            l2 = "probing host ...";
        }
        long running = snapshot.rows().stream().filter(r -> r.summary().state() == GuestState.RUNNING).count();
        l2 += "  guests " + snapshot.rows().size() + " (" + running + " up)";
        view.setLines(List.of(l1, l2));
    }

    /**
     * The host's memory and load as shown: new figures at most every {@link #HOST_FIGURES_PERIOD}.
     * Used memory moves by a few MiB every second, and any change redraws the whole screen (Lanterna
     * draws every component when one is invalid); the kernel's load average moves every 5 s anyway.
     */
    private String steadyHostFigures(String now) {
        long t = System.nanoTime();
        if (shownHostFigures == null || t - shownHostFiguresAt >= HOST_FIGURES_PERIOD.toNanos()) {
            shownHostFigures = now;
            shownHostFiguresAt = t;
        }
        return shownHostFigures;
    }
}
