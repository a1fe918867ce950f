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

    @Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Inventory.Listing listing = connect.wiring().inventory();
        return print(listing);
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
