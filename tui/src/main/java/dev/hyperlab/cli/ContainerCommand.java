package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.Defaults;
import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.container.ExecResult;
import dev.hyperlab.core.container.LogStream;
import dev.hyperlab.core.lab.ContainerInfo;
import dev.hyperlab.core.lab.ContainerRequest;
import dev.hyperlab.core.lab.SshKeyFiles;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.lab.GuestSummaries;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.GuestSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hyperlab ct ...}: containers beside VMs, from the same image and cloud-init. */
@Command(name = "ct", mixinStandardHelpOptions = true,
        description = "Manage containers (Podman or Docker through its REST API).",
        subcommands = {
                ContainerCommand.Create.class, ContainerCommand.Start.class, ContainerCommand.Stop.class,
                ContainerCommand.Remove.class, ContainerCommand.ListCmd.class, ContainerCommand.Info.class,
                ContainerCommand.Exec.class, ContainerCommand.Logs.class,
        })
final class ContainerCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** Common parts: a service per invocation, and the output writer. */
    abstract static class Sub implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        PrintWriter out() { return spec.commandLine().getOut(); }

        /** Taken so that --host works on every command; containers are this machine's engine's. */
        @picocli.CommandLine.Mixin ConnectOption connect;

        @Override public Integer call() throws Exception {
            connect.requireLocal("containers run on the container engine",
                    "another host's engine is reached with CONTAINER_HOST=ssh://USER@HOST/run/podman/podman.sock");
            try (ContainerService svc = Wiring.fromEnvironment(null).containers()) {
                return run(svc);
            }
        }

        abstract int run(ContainerService svc) throws Exception;

        static String json(Object o) throws IOException {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a container (app: runs CMD; system: runs systemd + cloud-init).")
    static final class Create extends Sub {
        @Parameters(index = "0", description = "Container name.") String name;
        @Option(names = "--image", paramLabel = "IMG", defaultValue = Defaults.IMAGE, completionCandidates = NameKind.Images.class,
                description = "A hyperlab image (debian-12 is built on first use) or an engine image reference (default: ${DEFAULT-VALUE}).") String image;
        @Option(names = "--mode", defaultValue = "app", converter = ModeConverter.class, completionCandidates = ModeNames.class,
                description = "app or system (default: ${DEFAULT-VALUE}).") ContainerMode mode;
        @Option(names = "--cpus", defaultValue = "0", description = "CPU limit, e.g. 0.5 (default: none).") double cpus;
        @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit, e.g. 256M (default: none).") String memory;
        @Option(names = "--user", paramLabel = "U", description = "app: the user the command runs as (default: 65534:65534, nobody); "
                + "system: a login user cloud-init creates with sudo, as 'vm create --user' does (default: user of config.yaml).") String user;
        @Option(names = "--ssh-key", paramLabel = "FILE", description = "system: authorized public key file (repeatable; "
                + "default: ssh-keys of config.yaml, else ~/.ssh/*.pub).") List<Path> sshKeys = new ArrayList<>();
        @Option(names = "--no-default-ssh-keys", description = "system: do not read ~/.ssh/*.pub when no --ssh-key is given.")
        boolean noDefaultKeys;
        @Option(names = "--cloud-config", paramLabel = "FILE", description = "system: your cloud-config, merged under hyperlab's (as 'vm create --cloud-config').") Path cloudConfig;
        @Option(names = "--network", paramLabel = "none|NETWORK", defaultValue = Defaults.CONTAINER_NETWORK, description = "none or an engine network (default: ${DEFAULT-VALUE}).") String network;
        @Option(names = "--start", description = "Start it after creating it.") boolean start;
        @Option(names = "--wait", description = "With --start: wait until ready and print the boot timeline.") boolean await;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", converter = NonNegative.Int.class, description = "Seconds to wait with --wait (default: ${DEFAULT-VALUE}).") int timeout;
        @Parameters(index = "1..*", description = "The app container's command (after --).") List<String> command = new ArrayList<>();

        @Override int run(ContainerService svc) {
            boolean system = mode == ContainerMode.SYSTEM;
            ContainerRequest r = new ContainerRequest(name, image, mode, cpus,
                    memory == null ? 0 : Sizes.parse("--memory", memory, "M"),
                    system ? Optional.empty() : Optional.ofNullable(user), Optional.ofNullable(cloudConfig), network, command);
            if (system) {
                // The same login as a VM from the same flags: user, keys, ~/.ssh/*.pub by default.
                r = r.withLogin(Optional.ofNullable(user).or(() -> HyperlabConfig.load().get(ConfigKey.USER)), sshKeys.isEmpty() && !noDefaultKeys ? SshKeyFiles.defaults() : sshKeys);
            } else if (!sshKeys.isEmpty()) {
                throw dev.hyperlab.core.error.HyperlabException.badInput("--ssh-key needs a system container (cloud-init "
                        + "authorizes keys under systemd)", "try --mode system");
            }
            PrintWriter err = spec.commandLine().getErr();
            if (start || await) {
                BootTimeline tl = svc.createAndStart(r, dev.hyperlab.core.lab.ContainerStart.waitingUpTo(Duration.ofSeconds(timeout))
                        .waiting(await).reporting(m -> err.println(m)));
                out().println(name);
                if (await) {
                    TimelinePrinter.line(out(), tl);
                }
            } else {
                svc.create(r, m -> err.println(m));
                out().println(name);
            }
            return 0;
        }
    }

    /** What --mode completes to: the words users type, not the enum's constant names. */
    static final class ModeNames implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(ContainerMode.values()).map(ContainerMode::label).iterator();
        }
    }

    /** Parses --mode before anything connects, so a typo is a usage error (exit 2). */
    static final class ModeConverter implements CommandLine.ITypeConverter<ContainerMode> {
        @Override public ContainerMode convert(String v) {
            try {
                return ContainerMode.parse(v);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + v + "' is not a mode; use app or system");
            }
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a container.")
    static final class Start extends Sub {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Containers.class) String name;
        @Option(names = "--wait", description = "Wait until ready and print the boot timeline.") boolean await;
        @Option(names = "--timeout", defaultValue = "120", converter = NonNegative.Int.class) int timeout;

        @Override int run(ContainerService svc) {
            BootTimeline tl = svc.start(name, await, Duration.ofSeconds(timeout));
            if (await) {
                TimelinePrinter.line(out(), tl);
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a container.")
    static final class Stop extends Sub {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Containers.class) String name;

        @Override int run(ContainerService svc) { svc.stop(name); return 0; }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove a container, its volumes and its seed "
            + "(refused while it runs, unless --force).")
    static final class Remove extends Sub {
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "NAME", completionCandidates = NameKind.Containers.class) List<String> names;
        @Option(names = {"-f", "--force"}, description = "Stop it first if it runs.") boolean force;

        @Override int run(ContainerService svc) { return RemoveEach.run(names, n -> svc.remove(n, force), out()); }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List hyperlab's containers.")
    static final class ListCmd extends Sub {
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @CommandLine.Mixin QuietOption quiet;

        @Override int run(ContainerService svc) throws IOException {
            List<GuestSummary> rows = svc.list();
            if (quiet.names(out(), rows.stream().map(GuestSummary::name).toList())) {
                return 0;
            }
            if (json) {
                out().println(json(rows.stream().map(GuestSummaries::toMap).toList()));
            } else {
                GuestSummaries.table(rows).forEach(out()::println);
            }
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show one container.")
    static final class Info extends Sub {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Containers.class) String name;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override int run(ContainerService svc) throws IOException {
            ContainerInfo i = svc.info(name);
            Map<String, Object> m = new LinkedHashMap<>(GuestSummaries.toMap(i.summary()));
            m.put("mode", i.mode().label());
            m.put("id", i.details().id());
            m.put("engineImage", i.details().image());
            m.put("status", i.details().status());
            m.put("cpus", i.details().nanoCpus() / 1e9);
            m.put("instanceId", i.instanceId());
            m.put("seedDir", i.seedDir());
            i.details().exitCode().ifPresent(c -> m.put("exitCode", c));
            if (json) {
                out().println(json(m));
            } else {
                m.forEach((k, v) -> out().printf("%-12s %s%n", k + ":", v));
            }
            return 0;
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true, description = "Run a command in a running container: exec NAME -- CMD...")
    static final class Exec extends Sub {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Containers.class) String name;
        @Parameters(index = "1..*", arity = "1..*", description = "The command.") List<String> command;
        @Option(names = "--timeout", defaultValue = "300", converter = NonNegative.Int.class) int timeout;

        @Override int run(ContainerService svc) {
            ExecResult r = svc.exec(name, command, Duration.ofSeconds(timeout));
            ExecOutput.print(spec, r.stdout(), r.stderr());
            return r.exitCode() == 0 ? 0 : 1;
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a container's output.")
    static final class Logs extends Sub {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Containers.class) String name;
        @Option(names = {"-f", "--follow"}, description = "Keep printing until the container stops.") boolean follow;

        @Override int run(ContainerService svc) throws Exception {
            Object lock = new Object();
            try (LogStream s = svc.logs(name, follow, line -> {
                synchronized (lock) {
                    out().println(line);
                    out().flush();
                }
            })) {
                if (follow) {
                    s.awaitEnd();
                }
            }
            return 0;
        }
    }
}
