package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.core.host.EngineFacts;
import dev.hyperlab.core.host.LibvirtFacts;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hyperlab version [--json]}: hyperlab's version and those of what it drives; null for what did not answer. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the versions of hyperlab, Java, libvirt, QEMU and the container engine.")
final class VersionCommand implements Callable<Integer> {
    @Mixin ConnectOption connect;

    @Option(names = "--json", description = "Print JSON: {hyperlab, java, libvirt, qemu, engine, engineApi}.")
    boolean json;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws Exception {
        var wiring = connect.wiring();
        LibvirtFacts lv = wiring.libvirtFacts();
        EngineFacts en = wiring.engineFacts();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("hyperlab", VersionProvider.version());
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        v.put("libvirt", lv.libvirtVersion().orElse(null));
        v.put("qemu", lv.hypervisorVersion().orElse(null));
        v.put("engine", en.reachable() ? en.engine() + " " + en.version() : null);
        v.put("engineApi", en.reachable() ? en.apiVersion() : null);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(v));
        } else {
            v.forEach((k, val) -> out.printf("%-10s %s%n", k + ":", val == null ? "- (did not answer)" : val));
        }
        return Cli.OK;
    }
}
