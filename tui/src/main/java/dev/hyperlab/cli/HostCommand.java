package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.host.LibvirtHostFacts;
import dev.hyperlab.core.hosts.HostEntry;
import dev.hyperlab.core.hosts.Hosts;
import dev.hyperlab.core.hosts.HostsFile;
import dev.hyperlab.core.hosts.LibvirtUri;
import dev.hyperlab.core.lab.Wiring;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hyperlab host add|list|rm|default}: the libvirt hosts hyperlab knows by name, kept in
 * {@code hosts.yaml} beside config.yaml. Every command takes {@code --host NAME}.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "The libvirt hosts hyperlab works with: 'local' and those added here (qemu+ssh://, qemu+tcp://, "
                + "qemu+tls:// or one of libvirt's uri_aliases). Every command takes --host NAME.",
        subcommands = {HostCommand.Add.class, HostCommand.ListHosts.class, HostCommand.Rm.class, HostCommand.Default.class})
final class HostCommand implements Runnable {
    /** How long one host may take to answer a probe; an SSH host that is down can hang a connect for minutes. */
    static final Duration PROBE = Duration.ofSeconds(10);

    @Spec CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    abstract static class Base implements Callable<Integer> {
        @Spec CommandSpec spec;

        PrintWriter out() { return spec.commandLine().getOut(); }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a host by name. It is connected to once first (read-only): a host that does not answer is "
                    + "refused with libvirt's error and a hint, unless --no-check.")
    static final class Add extends Base {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "URI") String uri;
        @Option(names = "--no-check", description = "Keep the host without connecting to it first.") boolean noCheck;
        @Option(names = "--default", description = "Make it the default host as well.") boolean makeDefault;

        @Override public Integer call() {
            Hosts hosts = ConnectOption.hosts(ConnectOption.locations(spec));
            HostsFile next = hosts.add(name, uri);
            if (!noCheck) {
                LibvirtHostFacts f = Wiring.libvirtHostFacts(uri.strip(), PROBE);
                if (!f.reachable()) {
                    throw new HyperlabException(ErrorCode.UNAVAILABLE, "host '" + name + "' (" + uri.strip()
                            + ") does not answer: " + f.libvirt().error().orElse(""),
                            LibvirtUri.parse(uri, hosts.aliases()).unreachableHint() + "; or add it anyway with --no-check");
                }
                out().printf("%s answers: %s, libvirt %s, %s%n", name, f.hostname(),
                        f.libvirt().libvirtVersion().orElse("?"), f.accelerator());
            }
            (makeDefault ? next.withDefault(name) : next).write();
            out().printf("added host %s (%s)%s%n", name, uri.strip(), makeDefault ? ", the default now" : "");
            return Cli.OK;
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "List the hosts, each asked at once whether it answers (its libvirt version and accelerator).")
    static final class ListHosts extends Base {
        @Option(names = "--json") boolean json;
        @Option(names = "--no-check", description = "Do not connect; list names and URIs only.") boolean noCheck;

        @Override public Integer call() throws Exception {
            Hosts hosts = ConnectOption.hosts(ConnectOption.locations(spec));
            List<HostEntry> all = hosts.all();
            List<LibvirtHostFacts> facts = noCheck ? List.of() : probeAll(all);
            if (json) {
                ArrayNode arr = VmCommand.JSON.createArrayNode();
                for (int i = 0; i < all.size(); i++) {
                    ObjectNode n = arr.addObject();
                    n.put("name", all.get(i).name());
                    n.put("uri", all.get(i).uri());
                    n.put("default", all.get(i).name().equals(hosts.defaultName()));
                    if (!noCheck) {
                        LibvirtHostFacts f = facts.get(i);
                        n.put("reachable", f.reachable());
                        f.libvirt().error().ifPresent(e -> n.put("error", e));
                        f.libvirt().libvirtVersion().ifPresent(v -> n.put("libvirt", v));
                        if (f.reachable()) {
                            n.put("hostname", f.hostname());
                            n.put("accelerator", f.accelerator());
                        }
                    }
                }
                out().println(VmCommand.JSON.writeValueAsString(arr));
                return Cli.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "", "URI", "STATE", "LIBVIRT", "ACCEL"});
            for (int i = 0; i < all.size(); i++) {
                HostEntry h = all.get(i);
                String mark = h.name().equals(hosts.defaultName()) ? "*" : "";
                if (noCheck) {
                    rows.add(new String[] {h.name(), mark, h.uri(), "-", "-", "-"});
                    continue;
                }
                LibvirtHostFacts f = facts.get(i);
                rows.add(new String[] {h.name(), mark, h.uri(),
                        f.reachable() ? "up" : "unreachable: " + f.libvirt().error().orElse(""),
                        f.libvirt().libvirtVersion().orElse("-"), f.reachable() ? f.accelerator() : "-"});
            }
            TextTable.print(out(), rows);
            return Cli.OK;
        }
    }

    /** Every host asked at once, each within {@link #PROBE}: one host that hangs never delays the others' answers. */
    static List<LibvirtHostFacts> probeAll(List<HostEntry> hosts) {
        return Wiring.libvirtHostFacts(hosts.stream().map(HostEntry::uri).toList(), PROBE);
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Forget a host (nothing on it is touched). 'local' cannot be removed.")
    static final class Rm extends Base {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = dev.hyperlab.cli.complete.NameKind.Hosts.class)
        String name;

        @Override public Integer call() {
            Hosts hosts = ConnectOption.hosts(ConnectOption.locations(spec));
            boolean wasDefault = hosts.defaultName().equals(name);
            hosts.remove(name).write();
            out().printf("removed host %s%s%n", name, wasDefault ? "; the default is 'local' again" : "");
            return Cli.OK;
        }
    }

    @Command(name = "default", mixinStandardHelpOptions = true,
            description = "Make NAME the host commands use without --host (without NAME: print the default).")
    static final class Default extends Base {
        @Parameters(index = "0", paramLabel = "NAME", arity = "0..1",
                completionCandidates = dev.hyperlab.cli.complete.NameKind.Hosts.class)
        String name;

        @Override public Integer call() {
            Hosts hosts = ConnectOption.hosts(ConnectOption.locations(spec));
            if (name == null) {
                out().println(hosts.defaultName());
                return Cli.OK;
            }
            hosts.makeDefault(name).write();
            out().printf("default host: %s (%s)%n", name, hosts.get(name).uri());
            return Cli.OK;
        }
    }
}
