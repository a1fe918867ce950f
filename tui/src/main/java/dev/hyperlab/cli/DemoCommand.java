package dev.hyperlab.cli;

import dev.hyperlab.core.compare.CompareListener;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.ReportMeta;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.report.BootRaceView;
import dev.hyperlab.core.compare.report.ReportFormat;
import dev.hyperlab.core.lab.CompareLab;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.images.build.DefaultImage;
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
        // A rebuild must not delete the base disk of guests still using the old build. On a fresh machine the
        // build takes minutes: say what it does instead of sitting silent.
        connect.requireLocal("the demo races a VM and containers side by side", "run it on that host, or without --host");
        Wiring wiring = connect.wiring();
        wiring.images().build(DefaultImage.NAME, false, new ImageProgress(out));
        CompareOptions o = new CompareOptions(DefaultImage.NAME, 1, 1, 1L << 30, null, Duration.ofMinutes(15), 0, 1, 1);
        RacePrinter printer = new RacePrinter(out);
        Thread notice = interruptNotice(spec.commandLine().getErr(), printer::close); // no redraw over the notice
        try (CompareLab lab = wiring.compareLab(); printer) {
            MeasurementSet set = new SideBySideRun(lab, wiring.compareHost(), Clock.systemUTC())
                    .run(o, SideBySideRun.RACERS, printer);
            printer.close();
            out.println();
            out.print(ReportFormat.TEXT.render(set));
            out.flush();
        } finally {
            removeQuietly(notice);
        }
        return Cli.OK;
    }

    /**
     * A shutdown hook that only tells the user why Ctrl-C takes a second or two: the comparison's own hook
     * (core.compare.Cleanup) stops the launches and removes the guests meanwhile.
     */
    static Thread interruptNotice(PrintWriter err) {
        return interruptNotice(err, () -> { });
    }

    /** @param before run first, e.g. to stop a live display from drawing over the notice */
    static Thread interruptNotice(PrintWriter err, Runnable before) {
        Thread t = new Thread(() -> {
            before.run();
            err.println();
            err.println("hyperlab: interrupted; stopping the guests being made and removing everything this run made ...");
            err.flush();
        }, "hyperlab-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(t);
        return t;
    }

    static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the notice is running
        }
    }

    /** The default image's build progress, one line per change (a fresh machine builds it first). */
    private static final class ImageProgress implements dev.hyperlab.images.ProgressListener {
        private final PrintWriter out;
        private String last = "";

        ImageProgress(PrintWriter out) { this.out = out; }

        @Override public synchronized void onProgress(dev.hyperlab.images.Progress p) {
            String line = dev.hyperlab.images.ProgressText.line(p).strip();
            if (!line.equals(last)) {
                last = line;
                out.println("image " + DefaultImage.NAME + ": " + line);
                out.flush();
            }
        }
    }

    /**
     * Prints the accelerator and the steps, and the race table as guests reach their phases (see
     * {@link LiveRace}); on a terminal the table is also redrawn every second while the race runs, so
     * the waiting cells count up.
     */
    private static final class RacePrinter implements CompareListener, AutoCloseable {
        private final PrintWriter out;
        private final LiveRace live;
        private final boolean terminal;
        private final Map<Subject, BootTimeline> race = new EnumMap<>(Subject.class);
        private long start;
        private boolean racing;
        private java.util.concurrent.ScheduledExecutorService ticker;

        RacePrinter(PrintWriter out) {
            this.out = out;
            this.terminal = System.console() != null;
            this.live = new LiveRace(out, terminal);
        }

        @Override public synchronized void meta(ReportMeta m) {
            out.println("accelerator: " + m.accelerator().label() + " (" + m.acceleratorReason() + ")");
            out.flush();
        }

        @Override public synchronized void step(String message) {
            if (racing) {
                return; // the table is drawn in place: no line in between
            }
            out.println("== " + message);
            out.flush();
            live.restart();
        }

        @Override public synchronized void raceStarted(List<Subject> kinds) {
            start = System.nanoTime();
            racing = true;
            kinds.forEach(k -> race.put(k, BootTimeline.empty()));
            live.show(race, Duration.ZERO);
            if (terminal) {
                ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "hyperlab-demo-ticker");
                    t.setDaemon(true);
                    return t;
                });
                ticker.scheduleAtFixedRate(this::tick, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
            }
        }

        @Override public synchronized void boot(Subject kind, int run, BootTimeline t) {
            race.put(kind, t);
            live.show(race, Duration.ofNanos(System.nanoTime() - start));
            if (race.values().stream().allMatch(tl -> tl.has(dev.hyperlab.core.model.Phase.READY))) {
                endRace();
            }
        }

        private synchronized void tick() {
            if (racing) {
                live.show(race, Duration.ofNanos(System.nanoTime() - start));
            }
        }

        private synchronized void endRace() {
            racing = false;
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }

        @Override public synchronized void close() { endRace(); }
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

        /** The next table is printed below what came since instead of over the last one. */
        synchronized void restart() {
            drawnLines = 0;
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
