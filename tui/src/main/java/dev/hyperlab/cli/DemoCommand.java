package dev.hyperlab.cli;

import dev.hyperlab.core.compare.CompareListener;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.core.compare.Subject;
import dev.hyperlab.core.compare.report.BootRaceView;
import dev.hyperlab.core.compare.report.ReportFormat;
import dev.hyperlab.core.lab.CompareLab;
import dev.hyperlab.core.lab.GuestImageUsage;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.ImageStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Race a VM against a container from the same image and cloud-init, live, then show what each "
                + "cost. Builds the default image first if it is missing. Removes both at the end (also on Ctrl-C)."})
final class DemoCommand implements Callable<Integer> {

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
        try (CompareLab lab = CompareLab.openDefault(connect.uri())) {
            MeasurementSet set = new SideBySideRun(lab, SideBySideRun.Host.real(), Clock.systemUTC())
                    .run(o, SideBySideRun.RACERS, new RacePrinter(out));
            out.println();
            out.print(ReportFormat.TEXT.render(set));
            out.flush();
        }
        return Cli.OK;
    }

    /** Prints the accelerator, then the race table as guests reach their phases (see {@link LiveRace}). */
    private static final class RacePrinter implements CompareListener {
        private final PrintWriter out;
        private final LiveRace live;
        private final Map<Subject, BootTimeline> race = new EnumMap<>(Subject.class);
        private long start;

        RacePrinter(PrintWriter out) {
            this.out = out;
            this.live = new LiveRace(out, System.console() != null);
        }

        @Override public synchronized void meta(ReportMeta m) {
            out.println("accelerator: " + m.accelerator().label() + " (" + m.acceleratorReason() + ")");
            out.flush();
        }

        @Override public synchronized void raceStarted(List<Subject> kinds) {
            start = System.nanoTime();
            kinds.forEach(k -> race.put(k, BootTimeline.empty()));
        }

        @Override public synchronized void boot(Subject kind, int run, BootTimeline t) {
            race.put(kind, t);
            live.show(race, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * The race table as it changes. On a terminal it is redrawn in place, so the waiting cells count
     * up; into a file or pipe it is printed only when a guest reaches a new phase, so a log holds one
     * table per step instead of one per tick.
     */
    static final class LiveRace {
        private final PrintWriter out;
        private final boolean terminal;
        private int drawnLines;
        private Map<Subject, BootTimeline> lastReached = Map.of();

        LiveRace(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        synchronized void show(Map<Subject, BootTimeline> timelines, Duration now) {
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
