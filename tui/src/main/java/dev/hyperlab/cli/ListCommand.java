package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.core.lab.GuestSummaries;
import dev.hyperlab.core.lab.Inventory;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = {"List VMs and containers together.",
                "Exit code 1 when libvirt or the container engine could not be asked (the other side still lists)."})
final class ListCommand implements Callable<Integer> {
    @Mixin
    ConnectOption connect;

    @Option(names = "--json", description = "Print JSON: {guests: [...], problems: [...]}.")
    boolean json;

    @Option(names = {"-A", "--all-hosts"}, description = "Every host of 'hyperlab host list', each asked at once, with a HOST column; "
            + "a host that does not answer within 10 s is a warning, the others still list.")
    boolean allHosts;

    @Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (allHosts) {
            return printAll(connect.wiring().inventory(ConnectOption.hosts(ConnectOption.locations(spec)).all(), java.time.Duration.ofSeconds(10)));
        }
        Inventory.Listing listing = connect.wiring().inventory();
        return print(listing);
    }

    private int printAll(dev.hyperlab.core.lab.HostsInventory.Listing listing) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (quiet.names(out, listing.rows().stream().map(r -> r.host() + "/" + r.guest().name()).toList())) {
            // names only
        } else if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("guests", listing.rows().stream().map(r -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", r.host());
                m.putAll(GuestSummaries.toMap(r.guest()));
                return m;
            }).toList());
            root.put("problems", listing.problems());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        } else {
            GuestSummaries.tableWithHosts(listing.rows()).forEach(out::println);
        }
        if (!json) {
            listing.problems().forEach(p -> spec.commandLine().getErr().println("warning: " + p));
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return listing.problems().isEmpty() ? Cli.OK : Cli.FAILURE;
    }

    private int print(Inventory.Listing listing) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (quiet.names(out, listing.guests().stream().map(g -> g.name()).toList())) {
            listing.problems().forEach(p -> spec.commandLine().getErr().println("warning: " + p));
            spec.commandLine().getErr().flush();
            return listing.problems().isEmpty() ? Cli.OK : Cli.FAILURE;
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("guests", listing.guests().stream().map(GuestSummaries::toMap).toList());
            root.put("problems", listing.problems());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        } else {
            GuestSummaries.table(listing.guests()).forEach(out::println);
            listing.problems().forEach(p -> spec.commandLine().getErr().println("warning: " + p));
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return listing.problems().isEmpty() ? Cli.OK : Cli.FAILURE;
    }
}
