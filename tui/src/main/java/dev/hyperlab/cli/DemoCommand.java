package dev.hyperlab.cli;

import dev.hyperlab.core.lab.GuestImageUsage;
import dev.hyperlab.core.compare.BootRace;
import dev.hyperlab.core.compare.BootTrial;
import dev.hyperlab.core.compare.Cleanup;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.GuestExec;
import dev.hyperlab.core.compare.HostExec;
import dev.hyperlab.core.compare.HostSpecs;
import dev.hyperlab.core.compare.LaunchedGuest;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.MemoryLedger;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.compare.Subject;
import dev.hyperlab.core.compare.isolation.IsolationProbe;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.compare.report.BootRaceView;
import dev.hyperlab.core.compare.report.ReportFormat;
import dev.hyperlab.core.host.AcceleratorDecision;
import dev.hyperlab.core.host.linux.KvmProbe;
import dev.hyperlab.core.lab.CompareLab;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.ImageStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Race a VM against a container from the same image and cloud-init, live, then show what each "
                + "cost. Builds the default image first if it is missing. Removes both at the end (also on Ctrl-C)."})
final class DemoCommand implements Callable<Integer> {
    private static final List<Subject> RACERS = List.of(Subject.VM, Subject.SYSTEM_CONTAINER);

    @Mixin
    ConnectOption connect;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("hyperlab demo: one VM and one system container from image " + DefaultImage.NAME
                + ", same cloud-init, started at the same moment; times on the host clock.");
        out.flush();
        // A rebuild must not delete the base disk of guests still using the old build.
        DefaultImage.ensure(ImageStore.openDefault(), GuestImageUsage.connect(connect.uri()), p -> { });
        CompareOptions o = new CompareOptions(DefaultImage.NAME, 1, 1, 1L << 30, null, Duration.ofMinutes(15), 0, 1);
        AcceleratorDecision accel = AcceleratorDecision.decide(KvmProbe.probe());
        out.println("accelerator: " + accel.accelerator().label() + " (" + accel.reason() + ")");
        HostSpecs host = HostSpecs.read();
        long start = System.nanoTime();
        String session = UUID.randomUUID().toString().substring(0, 6);
        try (CompareLab lab = CompareLab.openDefault(connect.uri()); Cleanup cleanup = new Cleanup(lab)) {
            LiveRace live = new LiveRace(out, System.console() != null);
            Map<Subject, LaunchedGuest> guests = BootRace.run(lab, cleanup, RACERS, o, session,
                    snap -> live.show(snap.timelines(), Duration.ofNanos(System.nanoTime() - start)));
            List<BootTrial> boots = new ArrayList<>();
            List<MemoryLedger> memory = new ArrayList<>();
            List<IsolationReport> iso = new ArrayList<>();
            iso.add(IsolationProbe.run(Subject.HOST, new HostExec(), Duration.ofSeconds(30)));
            for (Subject k : RACERS) {
                LaunchedGuest g = guests.get(k);
                boots.add(new BootTrial(k, 1, g.timeline()));
                memory.add(lab.memory(g, 1));
                GuestExec exec = lab.exec(g);
                iso.add(IsolationProbe.run(k, exec, Duration.ofMinutes(2)));
            }
            MeasurementSet set = new MeasurementSet(new ReportMeta(Instant.now(), accel.accelerator(), accel.reason(),
                    host.cpuModel(), host.cpus(), host.memoryBytes(), host.kernel(), lab.versions(), 1, DefaultImage.NAME,
                    o.cpus(), o.memoryBytes()), boots, memory, List.of(), List.of(), iso, List.of());
            out.println();
            out.print(ReportFormat.TEXT.render(set));
            out.flush();
        }
        return Cli.OK;
    }

    /**
     * The race table as it changes. On a terminal it is redrawn in place every tick, so the waiting
     * cells count up; into a file or pipe it is printed only when a guest reaches a new phase, so a
     * log holds one table per step instead of one per tick.
     */
    static final class LiveRace {
        private final PrintWriter out;
        private final boolean terminal;
        private int drawnLines;
        private Map<Subject, dev.hyperlab.core.model.BootTimeline> lastReached = Map.of();

        LiveRace(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        synchronized void show(Map<Subject, dev.hyperlab.core.model.BootTimeline> timelines, Duration now) {
            if (!terminal && timelines.equals(lastReached)) {
                return;
            }
            lastReached = Map.copyOf(timelines);
            String table = BootRaceView.render(timelines, now);
            if (terminal && drawnLines > 0) {
                out.print("\u001B[" + drawnLines + "F\u001B[J"); // back to the table's first line, clear below
            } else {
                out.println();
            }
            out.print(table);
            out.flush();
            drawnLines = (int) table.chars().filter(c -> c == '\n').count();
        }
    }
}
