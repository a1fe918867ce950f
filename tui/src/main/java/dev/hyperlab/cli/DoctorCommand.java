package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperlab.core.host.Check;
import dev.hyperlab.core.host.CheckStatus;
import dev.hyperlab.core.host.Doctor;
import dev.hyperlab.core.host.DoctorReport;
import java.io.PrintWriter;
import dev.hyperlab.core.host.ImageStoreChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check this host: accelerator (KVM or TCG), libvirt, virtlogd, container engine, "
                + "cgroups, tools, disk, and each image in the store (blob sizes; --deep: digests).",
                "Exit code 1 when any check FAILs."})
final class DoctorCommand implements Callable<Integer> {

    @Mixin
    ConnectOption connect;

    @Option(names = "--json", description = "Print the report as JSON (field 'accelerator' is kvm or tcg).")
    boolean json;

    @Option(names = "--deep", description = "Also hash every blob of the image store against its digest (reads every byte).")
    boolean deep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var target = connect.target();
        if (dev.hyperlab.core.lab.HostImages.remote(target.uri())) {
            return remote(target);
        }
        var wiring = connect.wiring();
        DoctorReport host = Doctor.diagnose(wiring.hostFacts());
        List<Check> checks = new ArrayList<>(host.checks());
        checks.addAll(ImageStoreChecks.of(wiring.dataDir().resolve("images"), deep));
        return report(new DoctorReport(host.accelerator(), checks));
    }

    /**
     * Another host: only what its libvirt tells (reachability, versions, accelerator from its
     * capabilities, pool, memory); this machine's own checks say nothing about it.
     */
    private Integer remote(dev.hyperlab.core.hosts.HostEntry target) throws Exception {
        var facts = dev.hyperlab.core.lab.Wiring.libvirtHostFacts(target.uri(), HostCommand.PROBE);
        String hint = dev.hyperlab.core.hosts.LibvirtUri.parse(target.uri(), ConnectOption.hosts(ConnectOption.locations(spec)).aliases()).unreachableHint();
        List<Check> checks = dev.hyperlab.core.host.RemoteDoctor.diagnose(target.name(), facts, hint);
        var acc = new dev.hyperlab.core.host.AcceleratorDecision(facts.kvm() ? dev.hyperlab.core.host.Accelerator.KVM
                : dev.hyperlab.core.host.Accelerator.TCG, facts.reachable()
                ? "from " + target.name() + "'s capabilities" : target.name() + " unreachable");
        return report(new DoctorReport(acc, checks));
    }

    /** Prints the report (text or --json); exit 1 when a check failed. */
    private Integer report(DoctorReport report) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(report));
        } else {
            print(report, out);
        }
        out.flush();
        return report.overall() == CheckStatus.FAIL ? Cli.FAILURE : Cli.OK;
    }

    static void print(DoctorReport report, PrintWriter out) {
        int width = report.checks().stream().mapToInt(c -> c.name().length()).max().orElse(10);
        for (Check c : report.checks()) {
            out.printf("%-4s  %-" + width + "s  %s%n", c.status(), c.name(), c.detail());
            if (!c.fix().isEmpty()) {
                out.printf("%-4s  %-" + width + "s  fix: %s%n", "", "", c.fix());
            }
        }
    }

    static String toJson(DoctorReport report) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("accelerator", report.accelerator().accelerator().label());
        root.put("acceleratorReason", report.accelerator().reason());
        root.put("overall", report.overall().name());
        ArrayNode checks = root.putArray("checks");
        for (Check c : report.checks()) {
            ObjectNode n = checks.addObject();
            n.put("name", c.name());
            n.put("status", c.status().name());
            n.put("detail", c.detail());
            n.put("fix", c.fix());
        }
        return m.writeValueAsString(root);
    }
}
