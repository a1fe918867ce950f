package dev.hyperlab.cli;

import dev.hyperlab.core.compare.CompareListener;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.CompareRunner;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.bench.BenchmarkPlan;
import dev.hyperlab.core.compare.report.JsonReportReader;
import dev.hyperlab.core.compare.report.ReportFormat;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.CompareLab;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.BootTimeline;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Measure VMs against containers on this host: a VM, a system container and an app container "
                + "from the same image, N runs each; boot phases, memory ledger, disk, overhead vs the bare host "
                + "(sysbench, fio), isolation probes, and with --density how many fit in a memory budget.",
                "Everything it creates is removed at the end, on failure and on Ctrl-C.",
                "Without a file, --json/--csv/--markdown print that format instead of the table."})
final class CompareCommand implements Callable<Integer> {

    @Mixin
    ConnectOption connect;

    @Option(names = "--image", defaultValue = "debian-12", description = "Image for every guest (default: ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--runs", defaultValue = "3", converter = NonNegative.Int.class, description = "Trials per kind, N (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--cpus", defaultValue = "1", converter = NonNegative.Int.class, description = "vCPUs / CPU limit of each guest (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--memory", defaultValue = "1G", converter = SizeConverter.class,
            description = "Memory of each guest, e.g. 512M, 1G (default: ${DEFAULT-VALUE}).")
    long memory;

    @Option(names = "--kinds", split = ",", defaultValue = "vm,system-ct,app-ct",
            description = "Which kinds to run: vm, vm-clone (an instant clone; its template is made on the first run), system-ct, app-ct (default: ${DEFAULT-VALUE}).")
    List<String> kinds;

    @Option(names = "--no-bench", description = "Skip the micro-benchmarks.")
    boolean noBench;

    @Option(names = "--quick", description = "1-second benchmarks instead of 5-second ones.")
    boolean quick;

    @Option(names = "--boot-timeout", defaultValue = "900", converter = NonNegative.Int.class, description = "Seconds a guest may take to be ready (default: ${DEFAULT-VALUE}).")
    int bootTimeout;

    @Option(names = "--density", description = "Also start instances of each kind, keeping them all running, until "
            + "--budget is used, a cap or a host limit is reached, or one fails to start; the cost is read at 1, 10, 100 "
            + "and the last count, then all are removed.")
    boolean density;

    @Option(names = "--budget", defaultValue = "16G", converter = SizeConverter.class,
            description = "Memory budget of the density sweep, per kind (default: ${DEFAULT-VALUE}).")
    long budget;

    @Option(names = "--max-instances", defaultValue = "500", converter = NonNegative.Int.class, description = "Cap per kind in the density sweep (default: ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(names = "--max-vms", defaultValue = "4", converter = NonNegative.Int.class,
            description = "Lower cap for VMs in the density sweep: each boots for minutes under TCG (default: ${DEFAULT-VALUE}).")
    int maxVms;

    @Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE", description = "Write JSON (schema hyperlab.compare/1).")
    String json;

    @Option(names = "--csv", arity = "0..1", fallbackValue = "-", paramLabel = "FILE", description = "Write CSV (section,kind,metric,statistic,run,value,unit).")
    String csv;

    @Option(names = "--markdown", arity = "0..1", fallbackValue = "-", paramLabel = "FILE", description = "Write a Markdown report.")
    String markdown;

    @Option(names = {"-f", "--force"}, description = "Overwrite --json/--csv/--markdown files that exist already.")
    boolean force;

    @Option(names = "--from", paramLabel = "JSON", description = "Render a recorded run (a --json file) instead of running.")
    Path from;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CompareOptions o = from != null ? null : new CompareOptions(image, runs, cpus, memory,
                noBench ? null : quick ? BenchmarkPlan.quick() : BenchmarkPlan.standard(),
                Duration.ofSeconds(bootTimeout), density ? budget : 0, maxInstances, maxVms);
        List<Subject> subjects = parseKinds(kinds);
        if (from != null && !Files.isReadable(from)) {
            throw HyperlabException.badInput("cannot read " + from, "try a file written by 'hyperlab compare --json FILE'");
        }
        Map<ReportFormat, String> outputs = new LinkedHashMap<>();
        put(outputs, ReportFormat.JSON, json);
        put(outputs, ReportFormat.CSV, csv);
        put(outputs, ReportFormat.MARKDOWN, markdown);
        if (outputs.values().stream().filter("-"::equals).count() > 1) {
            throw HyperlabException.badInput("only one of --json/--csv/--markdown can print to the terminal",
                    "try giving the others a FILE");
        }
        outputs.forEach((f, target) -> {
            if (!"-".equals(target)) {
                ReportFormat.checkWritable(Path.of(target));
                // Checked before the run: minutes of measuring must not end in overwriting someone's file.
                if (!force && Files.exists(Path.of(target), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw HyperlabException.badInput("compare failed: " + target + " exists already",
                            "try another file name, or --force to overwrite it");
                }
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MeasurementSet set;
        if (from != null) {
            try {
                set = JsonReportReader.read(Files.readString(from));
            } catch (java.io.IOException e) {
                throw HyperlabException.badInput("cannot read " + from + ": " + e.getMessage(), "try another file");
            }
        } else {
            set = measure(o, subjects, err);
        }
        boolean printed = false;
        for (Map.Entry<ReportFormat, String> e : outputs.entrySet()) {
            if ("-".equals(e.getValue())) {
                out.print(e.getKey().render(set));
                printed = true;
            } else {
                e.getKey().write(set, Path.of(e.getValue()));
                err.println("wrote " + e.getValue());
            }
        }
        if (!printed) {
            out.print(ReportFormat.TEXT.render(set));
        }
        out.flush();
        return Cli.OK;
    }

    private MeasurementSet measure(CompareOptions o, List<Subject> subjects, PrintWriter err) {
        connect.requireLocal("a comparison runs its VMs, containers and isolation probes side by side",
                "run it on that host, or without --host");
        Thread notice = DemoCommand.interruptNotice(err);
        Wiring wiring = connect.wiring();
        try (CompareLab lab = wiring.compareLab()) {
            return new CompareRunner(lab, wiring.compareHost(), Clock.systemUTC()).run(o, subjects, new CompareListener() {
                @Override public void step(String message) {
                    err.println("== " + message);
                    err.flush();
                }

                @Override public void boot(Subject kind, int run, BootTimeline t) {
                    t.latest().ifPresent(p -> {
                        err.println("   " + kind.title() + " #" + run + ": " + p.label() + " at "
                                + t.at(p).orElseThrow().toMillis() / 1000.0 + " s");
                        err.flush();
                    });
                }
            });
        } finally {
            DemoCommand.removeQuietly(notice);
        }
    }

    private static void put(Map<ReportFormat, String> m, ReportFormat f, String target) {
        if (target != null) {
            m.put(f, target);
        }
    }

    static List<Subject> parseKinds(List<String> names) {
        List<Subject> out = new ArrayList<>();
        for (String n : names) {
            Subject s = null;
            for (Subject k : Subject.guests()) {
                if (k.label().equals(n.trim())) {
                    s = k;
                }
            }
            if (s == null) {
                throw HyperlabException.badInput("unknown kind '" + n + "'", "try --kinds vm,vm-clone,system-ct,app-ct");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
