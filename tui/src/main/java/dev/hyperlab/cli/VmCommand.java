package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.config.Defaults;
import dev.hyperlab.core.lab.CreateVmRequest;
import dev.hyperlab.core.lab.InstantCloneRequest;
import dev.hyperlab.core.lab.SnapshotTree;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.lab.SshKeyFiles;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.SnapshotInfo;
import dev.hyperlab.core.vm.VmInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hyperlab vm ...}: parse, call {@link VmService}, print. */
@Command(name = "vm", mixinStandardHelpOptions = true,
        description = "Create, boot, snapshot and remove QEMU guests through libvirt.",
        subcommands = {VmCommand.Create.class, VmCommand.Start.class, VmCommand.Stop.class, VmCommand.Reboot.class,
                VmCommand.Destroy.class, VmCommand.Rm.class, VmCommand.ListVms.class, VmCommand.Info.class,
                VmCommand.Console.class, VmCommand.Log.class, VmCommand.Snapshot.class, VmCloneCommand.class,
                VmResizeCommand.class, VmEditCommand.class, VmExecCommand.class, VmTemplateCommand.class, VmMigrateCommand.class})
final class VmCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** --connect and --host, shared by every VM command. */
    static final class Connection extends ConnectOption {
        VmService open() { return wiring().vms(); }
    }

    abstract static class Base implements Callable<Integer> {
        @Mixin Connection connection;
        @Spec CommandSpec spec;

        PrintWriter out() { return spec.commandLine().getOut(); }

        @Override public final Integer call() throws Exception {
            try (VmService svc = connection.open()) {
                return run(svc);
            }
        }

        abstract Integer run(VmService svc) throws Exception;
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a VM from an image with cloud-init (overlay + seed + domain; all or nothing).")
    static final class Create extends Base {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--image", paramLabel = "IMG", defaultValue = Defaults.IMAGE, completionCandidates = NameKind.Images.class, description = "Image name (default: ${DEFAULT-VALUE}).") String image;
        @Option(names = "--cpus", defaultValue = Defaults.CPUS, description = "vCPUs (default: ${DEFAULT-VALUE}).") int cpus;
        @Option(names = "--memory", paramLabel = "SIZE", defaultValue = Defaults.MEMORY, description = "Memory, e.g. 512M, 2G (default: ${DEFAULT-VALUE}).") String memory;
        @Option(names = "--disk", paramLabel = "SIZE", description = "Disk size (default: the image's).") String disk;
        @Option(names = "--user", paramLabel = "U", description = "Create this login user (sudo, no password).") String user;
        @Option(names = "--ssh-key", paramLabel = "FILE", description = "Authorized public key file (repeatable; "
                + "default: ssh-keys of config.yaml, else ~/.ssh/*.pub).") List<Path> sshKeys = new ArrayList<>();
        @Option(names = "--no-default-ssh-keys", description = "Do not read ~/.ssh/*.pub when no --ssh-key is given.")
        boolean noDefaultKeys;
        @Option(names = "--cloud-config", paramLabel = "FILE", description = "Your cloud-config, merged under hyperlab's.") Path cloudConfig;
        @Option(names = "--network", paramLabel = "nat|user|none|NETWORK", defaultValue = Defaults.NETWORK,
                description = "nat (QEMU user-mode NAT, SSH on a 127.0.0.1 port: 'hyperlab ssh' works), user (the same, "
                        + "restrict=on: nothing leaves the host), none, or a libvirt network (default: ${DEFAULT-VALUE}).") String network;
        @Option(names = "--runcmd", paramLabel = "CMD", description = "Extra first-boot command (repeatable).") List<String> runcmd = new ArrayList<>();
        @Option(names = "--start", description = "Start it after creating.") boolean start;
        @Option(names = "--wait", description = "With --start: wait until cloud-init is done, showing the boot phases.") boolean waitReady;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = NonNegative.Long_.class, description = "How long --wait waits (default: ${DEFAULT-VALUE}).") long timeout;
        @Option(names = "--firmware", paramLabel = "bios|uefi", description = "Boot with SeaBIOS or OVMF "
                + "(default: what the image's disk boots with, read when it was imported or pulled).") String firmware;
        @Option(names = "--secure-boot", description = "UEFI secure boot with OVMF's secure-boot build (q35, SMM).")
        boolean secureBoot;
        @Option(names = "--from-template", paramLabel = "T", description = "An instant clone: template T's saved state "
                + "restored, then its own hostname, machine id, SSH host keys, login and --runcmd applied through the guest "
                + "agent (no cloud-init run; see 'hyperlab vm template'). Always started and waited for.") String template;
        @Option(names = "--hostname", paramLabel = "H", description = "With --from-template: the clone's hostname (default: NAME).")
        String hostname;

        @Override Integer run(VmService svc) {
            long t0 = System.nanoTime();
            NetworkSpec net = NetworkSpec.parse(network); // bad input is a usage error (exit 2)
            if (template != null) {
                return fromTemplate(svc, net, t0);
            }
            if (hostname != null) {
                throw dev.hyperlab.core.error.HyperlabException.badInput("--hostname goes with --from-template; a cold VM's"
                        + " hostname is its name", "try 'hyperlab vm create " + hostname + "'");
            }
            CreateVmRequest req = new CreateVmRequest(name, image, cpus, Sizes.parse("--memory", memory, "M"),
                    disk == null ? Optional.empty() : Optional.of(Sizes.parse("--disk", disk, "G")),
                    Optional.ofNullable(user), sshKeys.isEmpty() && !noDefaultKeys ? SshKeyFiles.defaults() : sshKeys,
                    Optional.ofNullable(cloudConfig), net, start || waitReady,
                    waitReady, Duration.ofSeconds(timeout), Optional.empty(), runcmd)
                    .withFirmware(firmwareKind(firmware), secureBoot);
            PhasePrinter printer = new PhasePrinter(out(), t0);
            VmService.Created c;
            try {
                c = svc.create(req, t0, printer);
            } finally {
                printer.close();
            }
            out().printf("created %s (%s, %d vCPU, %s)%n", name, c.vm().state().label(), c.vm().vcpus(),
                    Sizes.human(c.vm().memoryBytes()));
            if (waitReady) {
                printTimeline(out(), c.timeline());
            }
            return 0;
        }

        private Integer fromTemplate(VmService svc, NetworkSpec net, long t0) {
            var parsed = spec.commandLine().getParseResult();
            for (String refused : List.of("--image", "--firmware", "--secure-boot")) {
                if (parsed.hasMatchedOption(refused)) {
                    throw dev.hyperlab.core.error.HyperlabException.badInput(refused + " cannot be used with --from-template:"
                            + " a clone is made of its template's image, firmware and machine",
                            "try 'hyperlab vm template list' to see what " + template + " was made from");
                }
            }
            InstantCloneRequest req = new InstantCloneRequest(name, template, Optional.ofNullable(user),
                    sshKeys.isEmpty() && !noDefaultKeys ? SshKeyFiles.defaults() : sshKeys, Optional.ofNullable(hostname),
                    runcmd, net, Optional.ofNullable(cloudConfig),
                    parsed.hasMatchedOption("--cpus") ? Optional.of(cpus) : Optional.empty(),
                    parsed.hasMatchedOption("--memory") ? Optional.of(Sizes.parse("--memory", memory, "M")) : Optional.empty(),
                    disk == null ? Optional.empty() : Optional.of(Sizes.parse("--disk", disk, "G")),
                    Duration.ofSeconds(timeout));
            VmService.Created c;
            try (PhasePrinter printer = new PhasePrinter(out(), t0)) {
                c = svc.createFromTemplate(req, t0, printer, dev.hyperlab.core.model.Cancellation.NONE);
            }
            out().printf("created %s from template %s (%s, %d vCPU, %s)%n", name, template, c.vm().state().label(),
                    c.vm().vcpus(), Sizes.human(c.vm().memoryBytes()));
            printTimeline(out(), c.timeline());
            return 0;
        }
    }

    static Optional<dev.hyperlab.core.vm.Firmware.Kind> firmwareKind(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "bios" -> Optional.of(dev.hyperlab.core.vm.Firmware.Kind.BIOS);
            case "uefi", "efi" -> Optional.of(dev.hyperlab.core.vm.Firmware.Kind.UEFI);
            default -> throw dev.hyperlab.core.error.HyperlabException.badInput("bad --firmware '" + s + "'",
                    "try --firmware bios or --firmware uefi");
        };
    }

    /** Prints steps and boot phases with the elapsed host time; a ticker shows the wait goes on. */
    static final class PhasePrinter implements VmService.Listener, AutoCloseable {
        private final PrintWriter out;
        private final long t0;
        private final Thread ticker;
        private volatile Phase latest;

        PhasePrinter(PrintWriter out, long t0) {
            this.out = out;
            this.t0 = t0;
            boolean tty = System.console() != null;
            this.ticker = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(1000);
                        if (latest != null && latest != Phase.READY) {
                            synchronized (out) {
                                out.printf(tty ? "\r  ... %-8s %6.1f s" : "  ... %-8s %6.1f s%n",
                                        latest.label(), (System.nanoTime() - t0) / 1e9);
                                out.flush();
                            }
                        }
                        if (!tty) {
                            Thread.sleep(9000); // in logs, one line per ten seconds is plenty
                        }
                    }
                } catch (InterruptedException e) {
                    // done
                }
            }, "phase-ticker");
            ticker.setDaemon(true);
            ticker.start();
        }

        @Override public void step(String what) {
            synchronized (out) {
                out.printf("\r%-40s%n", what);
                out.flush();
            }
        }

        @Override public void phase(BootTimeline t) {
            Phase p = t.latest().orElse(null);
            if (p == null || p == latest) {
                return;
            }
            latest = p;
            synchronized (out) {
                out.printf("\r  %-8s at %6.1f s%n", p.label(), t.at(p).orElseThrow().toMillis() / 1000.0);
                out.flush();
            }
        }

        @Override public void close() { ticker.interrupt(); }
    }

    static void printTimeline(PrintWriter out, BootTimeline t) {
        if (t.asMap().isEmpty()) {
            out.println("boot timeline: none recorded (start with --wait to record one)");
            return;
        }
        out.println("boot timeline (host clock, from the command start):");
        Duration prev = Duration.ZERO;
        for (Map.Entry<Phase, Duration> e : t.asMap().entrySet()) {
            out.printf("  %-8s %8.1f s  (+%.1f s)%n", e.getKey().label(), e.getValue().toMillis() / 1000.0,
                    e.getValue().minus(prev).toMillis() / 1000.0);
            prev = e.getValue();
        }
        t.readyBy().ifPresent(r -> out.println("  ready by " + r.description()));
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a VM.")
    static final class Start extends Base {
        @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
        @Option(names = "--wait", description = "Wait until cloud-init is done, showing the boot phases.") boolean waitReady;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = NonNegative.Long_.class) long timeout;

        @Override Integer run(VmService svc) {
            long t0 = System.nanoTime();
            try (PhasePrinter p = new PhasePrinter(out(), t0)) {
                BootTimeline t = svc.start(name, waitReady, Duration.ofSeconds(timeout), t0, p);
                out().println("started " + name);
                if (waitReady) {
                    printTimeline(out(), t);
                }
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Shut a VM down (ACPI), then pull the plug after a timeout.")
    static final class Stop extends Base {
        @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", converter = NonNegative.Long_.class, description = "Grace period (default: ${DEFAULT-VALUE}).") long timeout;

        @Override Integer run(VmService svc) {
            boolean clean = svc.stop(name, Duration.ofSeconds(timeout));
            out().println(clean ? "stopped " + name : "stopped " + name + " (forced after " + timeout + " s: no ACPI shutdown)");
            return 0;
        }
    }

    @Command(name = "reboot", mixinStandardHelpOptions = true, description = "Reboot a running VM.")
    static final class Reboot extends Base {
        @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;

        @Override Integer run(VmService svc) {
            svc.reboot(name);
            out().println("rebooting " + name);
            return 0;
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true, description = "Stop a VM at once (keeps its disk).")
    static final class Destroy extends Base {
        @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;

        @Override Integer run(VmService svc) {
            svc.destroy(name);
            out().println("stopped " + name);
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a VM: domain, overlay, seed, console log.")
    static final class Rm extends Base {
        @Parameters(paramLabel = "NAME", arity = "1..*", completionCandidates = NameKind.Vms.class) List<String> names;
        @Option(names = {"-f", "--force"}, description = "Stop it first if it runs.") boolean force;

        @Override Integer run(VmService svc) {
            for (String n : names) {
                svc.remove(n, force);
                out().println("removed " + n);
            }
            return 0;
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List VMs.")
    static final class ListVms extends Base {
        @Option(names = "--json") boolean json;
        @Option(names = {"-a", "--all"}, description = "Also domains hyperlab did not create.") boolean all;
        @Mixin QuietOption quiet;

        @Override Integer run(VmService svc) throws Exception {
            List<VmInfo> vms = svc.list().stream().filter(v -> all || v.label().isPresent()).toList();
            if (quiet.names(out(), vms.stream().map(VmInfo::name).toList())) {
                return 0;
            }
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (VmInfo v : vms) {
                    rows.add(toMap(v));
                }
                out().println(JSON.writeValueAsString(rows));
                return 0;
            }
            out().printf("%-20s %-12s %5s %10s %-12s %10s%n", "NAME", "STATE", "VCPU", "MEMORY", "IMAGE", "READY");
            for (VmInfo v : vms) {
                out().printf("%-20s %-12s %5d %10s %-12s %10s%n", v.name(), v.state().label(), v.vcpus(),
                        Sizes.human(v.memoryBytes()), v.label().map(HyperlabLabel::image).orElse("-"),
                        v.timeline().timeToReady().map(d -> String.format("%.1f s", d.toMillis() / 1000.0)).orElse("-"));
            }
            return 0;
        }
    }

    static Map<String, Object> toMap(VmInfo v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("uuid", v.uuid());
        m.put("state", v.state().label());
        m.put("vcpus", v.vcpus());
        m.put("memoryBytes", v.memoryBytes());
        m.put("cpuTimeNanos", v.cpuTimeNanos());
        v.label().ifPresent(l -> {
            m.put("image", l.image());
            m.put("created", l.created().toString());
            m.put("instanceId", l.instanceId());
            m.put("overlay", l.pool() + "/" + l.overlayVol());
            m.put("seed", l.pool() + "/" + l.seedVol());
            m.put("consoleLog", l.consoleLog());
        });
        Map<String, Long> tl = new LinkedHashMap<>();
        v.timeline().asMap().forEach((p, d) -> tl.put(p.label(), d.toMillis()));
        m.put("bootTimelineMs", tl);
        m.put("ip", null);
        return m;
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show one VM: state, resources, boot timeline.")
    static final class Info extends Base {
        @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
        @Option(names = "--json") boolean json;

        @Override Integer run(VmService svc) throws Exception {
            VmInfo v = svc.info(name);
            if (json) {
                out().println(JSON.writeValueAsString(toMap(v)));
                return 0;
            }
            out().printf("name:      %s%nstate:     %s%nvcpus:     %d%nmemory:    %s%ncpu time:  %.1f s%n", v.name(),
                    v.state().label(), v.vcpus(), Sizes.human(v.memoryBytes()), v.cpuTimeNanos() / 1e9);
            v.label().ifPresent(l -> out().printf("image:     %s%ncreated:   %s%ninstance:  %s%noverlay:   %s/%s%n"
                    + "seed:      %s/%s%nconsole:   %s%n", l.image(), l.created(), l.instanceId(), l.pool(),
                    l.overlayVol(), l.pool(), l.seedVol(), l.consoleLog()));
            out().println("ip:        - (no reachable NIC known)");
            printTimeline(out(), v.timeline());
            return 0;
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true, description = "Attach to the serial console (Ctrl-] detaches).")
    static final class Console extends Base {
        @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;

        @Override Integer run(VmService svc) throws Exception {
            out().println("connected to " + name + " (Ctrl-] detaches)");
            out().flush();
            try (ConsoleStream c = svc.console(name); RawTerminal raw = RawTerminal.enter()) {
                Thread pump = new Thread(() -> {
                    byte[] buf = new byte[4096];
                    int n;
                    try {
                        while ((n = c.read(buf)) > 0) {
                            System.out.write(buf, 0, n);
                            System.out.flush();
                        }
                    } catch (RuntimeException e) {
                        // console closed
                    }
                }, "console-out");
                pump.setDaemon(true);
                pump.start();
                InputStream in = System.in;
                byte[] buf = new byte[256];
                int n;
                outer:
                while (pump.isAlive() && (n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == 0x1d) { // Ctrl-]
                            if (i > 0) {
                                c.write(buf, i);
                            }
                            break outer;
                        }
                    }
                    c.write(buf, n);
                }
            }
            System.out.println();
            out().println("detached from " + name);
            return 0;
        }
    }

    /** Puts the terminal in raw mode (via stty) so keys go to the guest as typed. */
    static final class RawTerminal implements AutoCloseable {
        private final String saved;

        private RawTerminal(String saved) { this.saved = saved; }

        static RawTerminal enter() {
            if (System.console() == null) {
                return new RawTerminal(null);
            }
            String saved = stty("-g").strip();
            stty("raw", "-echo");
            return new RawTerminal(saved);
        }

        private static String stty(String... args) {
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", "stty " + String.join(" ", args) + " < /dev/tty"));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String s = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                return s;
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        @Override public void close() {
            if (saved != null && !saved.isEmpty()) {
                stty(saved);
            }
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true, description = "Print the serial console log.")
    static final class Log extends Base {
        @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;

        @Override Integer run(VmService svc) throws IOException {
            Path p = svc.log(name);
            try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(System.out);
            }
            System.out.flush();
            return 0;
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Internal qcow2 snapshots (running VMs keep memory state).",
            subcommands = {Snapshot.Create.class, Snapshot.ListSnaps.class, Snapshot.Revert.class, Snapshot.Delete.class})
    static final class Snapshot implements Runnable {
        @Spec CommandSpec spec;

        @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

        @Command(name = "create", mixinStandardHelpOptions = true, description = "Take a snapshot.")
        static final class Create extends Base {
            @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
            @Parameters(index = "1", paramLabel = "SNAP") String snap;
            @Option(names = {"-m", "--description"}) String description = "";

            @Override Integer run(VmService svc) {
                svc.snapshotCreate(name, snap, description);
                out().println("snapshot " + snap + " of " + name + " created");
                return 0;
            }
        }

        @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "Show the snapshot tree.")
        static final class ListSnaps extends Base {
            @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
            @Option(names = "--json") boolean json;

            @Override Integer run(VmService svc) throws Exception {
                List<SnapshotInfo> all = svc.snapshots(name);
                if (json) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (SnapshotInfo s : all) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", s.name());
                        m.put("parent", s.parent().orElse(null));
                        m.put("current", s.current());
                        m.put("state", s.state());
                        m.put("created", s.created().toString());
                        m.put("description", s.description());
                        rows.add(m);
                    }
                    out().println(JSON.writeValueAsString(rows));
                    return 0;
                }
                if (all.isEmpty()) {
                    out().println("no snapshots of " + name);
                }
                for (SnapshotTree.Node n : SnapshotTree.order(all)) {
                    SnapshotInfo s = n.snapshot();
                    out().printf("%s%s%s  (%s, %s)%s%n", "   ".repeat(n.depth()), n.depth() == 0 ? "" : "└─ ", s.name(),
                            s.state(), s.created(), s.current() ? "  <- current" : "");
                }
                return 0;
            }
        }

        @Command(name = "revert", mixinStandardHelpOptions = true, description = "Go back to a snapshot.")
        static final class Revert extends Base {
            @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
            @Parameters(index = "1", paramLabel = "SNAP", completionCandidates = NameKind.Snapshots.class) String snap;

            @Override Integer run(VmService svc) {
                svc.snapshotRevert(name, snap);
                out().println(name + " reverted to " + snap);
                return 0;
            }
        }

        @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
                description = "Delete a snapshot (its children keep their data).")
        static final class Delete extends Base {
            @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
            @Parameters(index = "1", paramLabel = "SNAP", completionCandidates = NameKind.Snapshots.class) String snap;

            @Override Integer run(VmService svc) {
                svc.snapshotDelete(name, snap);
                out().println("snapshot " + snap + " of " + name + " deleted");
                return 0;
            }
        }
    }
}
