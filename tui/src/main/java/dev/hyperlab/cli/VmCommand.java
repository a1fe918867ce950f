package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.config.Defaults;
import dev.hyperlab.core.lab.CreateVmRequest;
import dev.hyperlab.core.lab.GuestSummaries;
import dev.hyperlab.core.lab.InstantCloneRequest;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.lab.SshKeyFiles;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
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
                VmConsoleCommand.class, VmCommand.Log.class, VmSnapshotCommand.class, VmCloneCommand.class,
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
                TimelinePrinter.table(out(), c.timeline());
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
            TimelinePrinter.table(out(), c.timeline());
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
                    TimelinePrinter.table(out(), t);
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

        @Override Integer run(VmService svc) { return RemoveEach.run(names, n -> svc.remove(n, force), out()); }
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
        m.put("bootTimelineMs", GuestSummaries.timelineMillis(v.timeline()));
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
            TimelinePrinter.table(out(), v.timeline());
            return 0;
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
}
