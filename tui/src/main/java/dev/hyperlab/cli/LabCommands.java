package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.ImageService;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.labfile.LabFile;
import dev.hyperlab.core.labfile.LabFileParser;
import dev.hyperlab.core.labrun.LabForwards;
import dev.hyperlab.core.labrun.LabRunner;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.labrun.LabStates;
import dev.hyperlab.core.labrun.LabStatus;
import dev.hyperlab.core.labrun.LabTeardown;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.images.build.DefaultImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code up}, {@code down}, {@code status} and {@code labs}: labs from a lab file (hyperlab.yaml). */
final class LabCommands {
    private LabCommands() {}

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** -f FILE, shared by the lab commands: the lab file, hyperlab.yaml in the current directory by default. */
    static final class FileOption {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = LabFileParser.DEFAULT_FILE,
                description = "The lab file (default: ${DEFAULT-VALUE} in the current directory).")
        Path file;

        LabFile read() { return LabFileParser.read(file); }
    }

    /** The lab a command is about: --lab NAME, else the name in the lab file. */
    static String labName(String lab, FileOption f) {
        return lab != null ? lab : f.read().name();
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Bring up the lab of a lab file: networks, then VMs and containers in parallel (depends-on",
                    "first), each awaited to ready with a live board, then a port forwarder for its ports:.",
                    "A second up changes nothing that is as written; changed ports restart only the forwarder."})
    static final class Up implements Callable<Integer> {
        @Mixin VmCommand.Connection connection;
        @Mixin FileOption lab;
        @Option(names = "--recreate", paramLabel = "NAME", description = "Make this guest anew when its spec changed (repeatable).")
        List<String> recreate = new ArrayList<>();
        @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "Guests made at once (default: ${DEFAULT-VALUE}).")
        int parallel;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900", converter = NonNegative.Long_.class,
                description = "How long each guest may take to be ready (default: ${DEFAULT-VALUE}).")
        long timeout;
        @Option(names = "--json", description = "Print the outcome as JSON.") boolean json;
        @Spec CommandSpec spec;

        @Override public Integer call() throws Exception {
            long t0 = System.nanoTime();
            LabFile file = lab.read(); // a bad file is refused before anything connects or is made
            PrintWriter out = spec.commandLine().getOut();
            Wiring w = connection.wiring();
            ImageService images = w.images();
            if (file.guests().stream().anyMatch(g -> g.image().equals(DefaultImage.NAME)) && !images.upToDate(DefaultImage.NAME)
                    && !has(images, DefaultImage.NAME)) {
                out.println("building the default image " + DefaultImage.NAME + " first (once)");
                images.build(DefaultImage.NAME, false, dev.hyperlab.images.ProgressListener.NONE);
            }
            // Ctrl-C cancels: a VM being created undoes itself on its own thread, which the hook waits
            // for (a while); whatever is left is named in the lab's state, so 'down' removes it.
            Cancellation cancel = new Cancellation();
            try (InterruptHook interrupt = InterruptHook.cancelling(cancel, "lab-up-interrupt");
                 VmService vms = w.vms(); LazyContainers cts = new LazyContainers(w)) {
                LabRunner runner = new LabRunner(vms, cts, new LabStates(w.dataDir()),
                        new LabForwards(w.dataDir(), ForwardCommand.program()), name -> has(images, name), System::nanoTime);
                out.println("lab " + file.name() + ": " + file.guests().size() + " guest(s), " + file.networks().size()
                        + " network(s)");
                LabRunner.Report report = runner.up(file, new LabRunner.Options(new LinkedHashSet<>(recreate), parallel,
                        Duration.ofSeconds(timeout)), json ? (g, k, s) -> { } : new LabBoard(out, System.console() != null, t0),
                        cancel);
                if (json) {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("lab", file.name());
                    m.put("guests", report.guests());
                    m.put("ports", report.ports());
                    out.println(JSON.writeValueAsString(m));
                } else {
                    print(out, file, report, t0);
                }
                if (report.ports().failed()) {
                    spec.commandLine().getErr().println("error: " + report.ports().error());
                }
                return report.failed() ? 1 : 0;
            }
        }

        private static void print(PrintWriter out, LabFile file, LabRunner.Report report, long t0) {
            List<LabRunner.Outcome> outcomes = report.guests();
            LabRunner.Ports ports = report.ports();
            boolean nothing = outcomes.stream().allMatch(o -> o.result() == LabRunner.Result.UNCHANGED) && !ports.changed();
            for (LabRunner.Outcome o : outcomes) {
                out.printf("%-16s %-7s %-10s %s%s%n", o.guest(), o.kind(), o.result().name().toLowerCase(java.util.Locale.ROOT),
                        o.readySeconds() == null ? "" : String.format("ready at %.1f s", o.readySeconds()),
                        o.detail().isEmpty() ? "" : (o.readySeconds() == null ? "" : "; ") + o.detail());
            }
            if (!ports.result().equals("none") && !ports.failed()) {
                out.printf("%-16s %-7s %-10s %s%n", "ports", "forward", ports.result(),
                        ports.forwards().isEmpty() ? "" : String.join(", ", ports.forwards()) + " (pid " + ports.pid() + ")");
            }
            if (nothing) {
                out.println("lab " + file.name() + " is up as written: nothing changed");
            } else if (ports.failed()) {
                out.println("lab " + file.name() + ": its ports are not forwarded (the guests are kept); 'hyperlab down' removes all");
            } else if (outcomes.stream().anyMatch(o -> o.result().failed())) {
                out.println("lab " + file.name() + ": some guests are not ready (the others are kept); 'hyperlab down' removes all");
            } else if (outcomes.stream().anyMatch(o -> o.result() == LabRunner.Result.CHANGED)) {
                out.printf("lab %s is up in %.1f s; guests marked 'changed' differ from the file and were left as they are%n",
                        file.name(), (System.nanoTime() - t0) / 1e9);
            } else {
                out.printf("lab %s is up in %.1f s%n", file.name(), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    static boolean has(ImageService images, String name) {
        try {
            images.info(name);
            return true;
        } catch (HyperlabException e) {
            return false;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Remove everything a lab's up made: the port forwarder, guests, volumes, seeds, containers, networks and bridges.")
    static final class Down implements Callable<Integer> {
        @Mixin VmCommand.Connection connection;
        @Mixin FileOption file;
        @Option(names = "--lab", paramLabel = "NAME", description = "The lab by name (default: the lab file's).") String lab;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            String name = labName(lab, file);
            Wiring w = connection.wiring();
            try (VmService vms = w.vms(); LazyContainers cts = new LazyContainers(w)) {
                List<String> removed = new LabTeardown(vms, cts, new LabStates(w.dataDir()),
                        new LabForwards(w.dataDir(), List.of())).down(name);
                for (String r : removed) {
                    spec.commandLine().getOut().println("removed " + r);
                }
                spec.commandLine().getOut().println("lab " + name + " is down");
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Each guest of a lab: kind, state (ready once it became ready), addresses, time to ready, ports (down when the forwarder is not running).")
    static final class Status implements Callable<Integer> {
        @Mixin VmCommand.Connection connection;
        @Mixin FileOption file;
        @Option(names = "--lab", paramLabel = "NAME", description = "The lab by name (default: the lab file's).") String lab;
        @Option(names = "--json", description = "{\"lab\", \"guests\": [{name, kind, state, addresses, ports, portsForwarded, readySeconds}]}")
        boolean json;
        @Spec CommandSpec spec;

        @Override public Integer call() throws Exception {
            String name = labName(lab, file);
            Wiring w = connection.wiring();
            LabState st = new LabStates(w.dataDir()).find(name).orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND,
                    "lab '" + name + "' is not up", "try 'hyperlab up' or 'hyperlab labs'"));
            try (VmService vms = w.vms(); LazyContainers cts = new LazyContainers(w)) {
                LabStatus.Lab s = new LabStatus(vms, cts, new LabForwards(w.dataDir(), List.of())).of(st);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(JSON.writeValueAsString(s));
                    return 0;
                }
                out.printf("%-16s %-7s %-9s %-28s %-12s %-8s %s%n", "NAME", "KIND", "STATE", "ADDRESSES", "TEMPLATE", "READY",
                        "PORTS");
                for (LabStatus.Row r : s.guests()) {
                    List<String> addrs = new ArrayList<>();
                    r.addresses().forEach((n, a) -> addrs.add(n + "=" + a));
                    String ports = r.ports().isEmpty() ? "" : String.join(",", r.ports())
                            + (Boolean.TRUE.equals(r.portsForwarded()) ? "" : " (down: 'hyperlab up' restarts the forwarder)");
                    out.printf("%-16s %-7s %-9s %-28s %-12s %-8s %s%n", r.name(), r.kind(), r.state(), String.join(",", addrs),
                            r.template() == null ? "-" : r.template(), r.readySeconds() == null ? "-" : String.format("%.1f s", r.readySeconds()), ports);
                }
            }
            return 0;
        }
    }

    @Command(name = "labs", mixinStandardHelpOptions = true, description = "The labs on this host: name, guests, networks, file.")
    static final class Labs implements Callable<Integer> {
        @Mixin VmCommand.Connection connection;
        @Spec CommandSpec spec;

        @Override public Integer call() {
            Wiring w = connection.wiring();
            List<LabState> all = new LabStates(w.dataDir()).all();
            PrintWriter out = spec.commandLine().getOut();
            if (all.isEmpty()) {
                out.println("no labs are up; write a hyperlab.yaml and run 'hyperlab up'");
                return 0;
            }
            out.printf("%-16s %-7s %-9s %s%n", "LAB", "GUESTS", "NETWORKS", "FILE");
            for (LabState s : all) {
                List<String> nets = new ArrayList<>();
                s.networks().forEach((n, x) -> nets.add(n + " " + x.subnet()));
                out.printf("%-16s %-7d %-9s %s%n", s.lab(), s.guests().size(), String.join(", ", nets), s.file());
            }
            return 0;
        }
    }
}
