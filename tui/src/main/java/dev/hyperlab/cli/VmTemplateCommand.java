package dev.hyperlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hyperlab.core.config.Defaults;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.VmTemplates;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Sizes;
import dev.hyperlab.core.template.TemplateRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vm template create|list|rm}: warm templates that {@code vm create --from-template} restores in seconds. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = {"Templates for instant clones: a VM booted once to ready and frozen (disk and memory), which",
                "'hyperlab vm create NAME --from-template T' restores in seconds with its own identity."},
        subcommands = {VmTemplateCommand.Create.class, VmTemplateCommand.ListTemplates.class, VmTemplateCommand.Rm.class})
final class VmTemplateCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Boot a VM from the image to ready (restricted user-mode NIC, no login user), then freeze it:",
                    "its disk becomes the clones' shared backing file, its memory a saved state. The VM is gone after."})
    static final class Create extends VmCommand.Base {
        @Parameters(index = "0", paramLabel = "T") String name;
        @Option(names = "--image", paramLabel = "IMG", defaultValue = Defaults.IMAGE, description = "Image name (default: ${DEFAULT-VALUE}).") String image;
        @Option(names = "--cpus", defaultValue = Defaults.CPUS, description = "vCPUs every clone has (default: ${DEFAULT-VALUE}).") int cpus;
        @Option(names = "--memory", paramLabel = "SIZE", defaultValue = Defaults.MEMORY, description = "Memory every clone has (default: ${DEFAULT-VALUE}).") String memory;
        @Option(names = "--disk", paramLabel = "SIZE", description = "Disk size (default: the image's).") String disk;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = NonNegative.Long_.class,
                description = "How long the boot may take (default: ${DEFAULT-VALUE}).") long timeout;

        @Override Integer run(VmService svc) {
            long t0 = System.nanoTime();
            VmTemplates.Request req = new VmTemplates.Request(name, image, cpus, Sizes.parse("--memory", memory, "M"),
                    disk == null ? Optional.empty() : Optional.of(Sizes.parse("--disk", disk, "G")), Duration.ofSeconds(timeout));
            TemplateRecord r;
            try (PhasePrinter printer = new PhasePrinter(out(), t0)) {
                r = svc.templates().create(req, t0, printer, Cancellation.NONE);
            }
            out().printf("template %s made from %s in %.1f s (%d vCPU, %s; saved state %s%s)%n", r.name(), r.image(),
                    (System.nanoTime() - t0) / 1e9, r.cpus(), Sizes.human(r.memoryBytes()), Sizes.human(r.stateBytes()),
                    r.hasMemoryFile() ? ", memory in " + r.memoryVol() + ", mapped by its clones" : "");
            out().printf("try: hyperlab vm create web --from-template %s%n", r.name());
            return 0;
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "List templates: image, sizes, what they cost on disk, and the VMs that still need them.")
    static final class ListTemplates extends VmCommand.Base {
        @Option(names = "--json") boolean json;

        @Override Integer run(VmService svc) throws Exception {
            List<VmTemplates.Listing> all = svc.templates().list();
            if (json) {
                ArrayNode arr = VmCommand.JSON.createArrayNode();
                for (VmTemplates.Listing l : all) {
                    ObjectNode o = arr.addObject().put("name", l.name());
                    l.record().ifPresent(r -> o.put("image", r.image()).put("cpus", r.cpus()).put("memoryBytes", r.memoryBytes())
                            .put("diskBytes", r.diskBytes()).put("accelerator", r.domainType()).put("machine", r.machine())
                            .put("created", r.created()).put("readySeconds", r.readySeconds()));
                    o.put("frozenDiskBytesOnHost", l.diskBytes()).put("savedStateBytesOnHost", l.stateBytes())
                            .put("memoryFileBytesOnHost", l.memoryBytes());
                    l.clones().forEach(o.putArray("clones")::add);
                    o.put("problem", l.problem());
                }
                out().println(VmCommand.JSON.writeValueAsString(arr));
                return 0;
            }
            if (all.isEmpty()) {
                out().println("no templates; try: hyperlab vm template create debian --image " + Defaults.IMAGE);
                return 0;
            }
            out().printf("%-16s %-14s %4s %8s %11s %11s %11s  %s%n", "NAME", "IMAGE", "CPUS", "MEMORY", "FROZEN DISK",
                    "SAVED STATE", "MEMORY FILE", "CLONES");
            for (VmTemplates.Listing l : all) {
                if (l.record().isEmpty()) {
                    out().printf("%-16s BROKEN: %s%n", l.name(), l.problem());
                    continue;
                }
                TemplateRecord r = l.record().get();
                out().printf("%-16s %-14s %4d %8s %11s %11s %11s  %s%s%n", r.name(), r.image(), r.cpus(), Sizes.human(r.memoryBytes()),
                        Sizes.human(l.diskBytes()), Sizes.human(l.stateBytes()), r.hasMemoryFile() ? Sizes.human(l.memoryBytes()) : "-",
                        l.clones().isEmpty() ? "-" : String.join(",", l.clones()),
                        l.problem().isEmpty() ? "" : "  BROKEN: " + l.problem());
            }
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Remove a template (refused while a VM's disk is an overlay on its frozen disk).")
    static final class Rm extends VmCommand.Base {
        @Parameters(paramLabel = "T", arity = "1..*") List<String> names;

        @Override Integer run(VmService svc) {
            for (String n : names) {
                svc.templates().remove(n);
                out().println("removed template " + n);
            }
            return 0;
        }
    }
}
