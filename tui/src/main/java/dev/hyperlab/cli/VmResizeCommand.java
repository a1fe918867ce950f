package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.lab.VmResize;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.model.Sizes;
import java.util.OptionalInt;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vm resize NAME [--cpus] [--memory] [--disk]}. */
@Command(name = "resize", mixinStandardHelpOptions = true,
        description = {"Change a VM's vCPUs and memory (taken at its next boot) or grow its disk (stopped VMs;",
                "cloud-init's growpart takes the space at the next boot). Shrinking a disk is refused."})
final class VmResizeCommand extends VmCommand.Base {
    @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
    @Option(names = "--cpus", paramLabel = "N", description = "vCPUs.") Integer cpus;
    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory, e.g. 2G.") String memory;
    @Option(names = "--disk", paramLabel = "SIZE", description = "Disk size, e.g. 20G; only growing.") String disk;

    @Override Integer run(VmService svc) {
        VmResize r = new VmResize(cpus == null ? OptionalInt.empty() : OptionalInt.of(cpus),
                memory == null ? OptionalLong.empty() : OptionalLong.of(Sizes.parse("--memory", memory, "M")),
                disk == null ? OptionalLong.empty() : OptionalLong.of(Sizes.parse("--disk", disk, "G")));
        for (String line : svc.resize(name, r)) {
            out().println(name + ": " + line);
        }
        return 0;
    }
}
