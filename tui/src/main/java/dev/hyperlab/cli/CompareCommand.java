package dev.hyperlab.cli;

import dev.hyperlab.core.compare.CompareListener;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.CompareRunner;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.VmLeverPlan;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Measure VMs against containers on this host: a VM, a system container and an app container "
                + "from the same image, N runs each; boot phases, memory ledger, disk, overhead vs the bare host "
                + "(sysbench, fio), isolation probes, with --density how many fit in a memory budget, and with --vm-levers "
                + "what the host can switch on to pay less per VM.",
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

    @Option(names = "--vm-levers", description = "Also measure what the host can switch on to pay less per VM, each "
            + "as its effect on one VM's host cost (QEMU PSS after ready and --settle): the TCG translation cache "
            + "(hyperlab's 256 MiB against QEMU's default and the other --tb-cache sizes), free page reporting on "
            + "against off (after the guest drops its caches), --clones instant clones of one template, and KSM over "
            + "them for --ksm-wait seconds when the host has it (its settings are put back). Not part of --density: "
            + "it boots a cold VM per setting and the clones, minutes under TCG, and switches a host-wide kernel setting.")
    boolean vmLevers;

    @Option(names = "--tb-cache", split = ",", defaultValue = "0,64", paramLabel = "MIB",
            description = "With --vm-levers: tb-cache sizes to boot a cold VM with besides hyperlab's 256 MiB; 0 = QEMU's "
                    + "default, none = no tb-cache lever (default: ${DEFAULT-VALUE}).")
    List<String> tbCaches;

    @Option(names = "--no-fpr", description = "With --vm-levers: skip the free page reporting lever (one cold VM fewer).")
    boolean noFpr;

    @Option(names = "--clones", defaultValue = "3", converter = NonNegative.Int.class,
            description = "With --vm-levers: instant clones kept running together; 0 = no clone or KSM lever (default: ${DEFAULT-VALUE}).")
    int clones;

    @Option(names = "--ksm-wait", defaultValue = "60", converter = NonNegative.Int.class,
            description = "With --vm-levers: seconds KSM merges the clones' pages; 0 = no KSM lever (default: ${DEFAULT-VALUE}).")
    int ksmWait;

    @Option(names = "--settle", defaultValue = "10", converter = NonNegative.Int.class,
            description = "With --vm-levers: seconds a VM idles after ready, and after dropping its caches, before it is read (default: ${DEFAULT-VALUE}).")
    int settle;

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
        Optional<VmLeverPlan> levers = from != null || !vmLevers ? Optional.empty() : Optional.of(new VmLeverPlan(
                parseTbCaches(tbCaches), !noFpr, clones, Duration.ofSeconds(settle), Duration.ofSeconds(ksmWait)));
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
            set = measure(o, subjects, levers, err);
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

    private MeasurementSet measure(CompareOptions o, List<Subject> subjects, Optional<VmLeverPlan> levers, PrintWriter err) {
        connect.requireLocal("a comparison runs its VMs, containers and isolation probes side by side",
                "run it on that host, or without --host");
        Thread notice = DemoCommand.interruptNotice(err);
        Wiring wiring = connect.wiring();
        try (CompareLab lab = wiring.compareLab()) {
            return new CompareRunner(lab, wiring.compareHost(), Clock.systemUTC()).run(o, subjects, levers, new CompareListener() {
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

    /** "0,64" → [0, 64]; "none" → no tb-cache lever. */
    static List<Integer> parseTbCaches(List<String> values) {
        List<Integer> out = new ArrayList<>();
        for (String v : values) {
            if (v.isBlank() || v.trim().equals("none")) {
                continue;
            }
            try {
                out.add(Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                throw HyperlabException.badInput("compare failed: --tb-cache takes MiB, 0 or none, got '" + v + "'",
                        "try --tb-cache 0,64");
            }
        }
        return out;
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
