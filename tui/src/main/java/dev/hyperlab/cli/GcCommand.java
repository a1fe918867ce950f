package dev.hyperlab.cli;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.LeftoverScan;
import dev.hyperlab.core.lab.VmService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperlab gc}: removes what a crashed run left (labelled volumes, logs, broken domains). */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Find and remove hyperlab leftovers of crashed runs (volumes, console logs, broken domains, "
                + "container directories, stale locks, networks and port forwarders of labs that are not up). Names another hyperlab operation holds are skipped.")
final class GcCommand implements Callable<Integer> {
    @Mixin VmCommand.Connection connection;
    @Option(names = {"-n", "--dry-run"}, description = "Only list what would be removed.") boolean dryRun;
    @Option(names = "--prefix", paramLabel = "P", defaultValue = "",
            description = "Only leftovers of guests whose name starts with P (a lab's or a script's).") String prefix;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        try (VmService svc = connection.open()) {
            List<VmService.Leftover> found = new ArrayList<>();
            // Every kind of leftover is one LeftoverScan; the engine's is skipped (and said so) when it is down.
            for (LeftoverScan scan : List.<LeftoverScan>of(d -> svc.gc(d, prefix), this::containerLeftovers,
                    d -> labLeftovers(svc, d))) {
                found.addAll(scan.scan(dryRun));
            }
            if (found.isEmpty()) {
                spec.commandLine().getOut().println("nothing to clean");
            }
            for (VmService.Leftover l : found) {
                spec.commandLine().getOut().printf("%s %-7s %s (%s)%n", l.removed() ? "removed" : "would remove",
                        l.kind(), l.name(), l.reason());
            }
        }
        return 0;
    }

    /** Networks and port forwarders of labs that are not up; the engine's networks only when it answers. */
    private List<VmService.Leftover> labLeftovers(VmService svc, boolean dryRun) {
        java.nio.file.Path data = connection.wiring().dataDir();
        dev.hyperlab.core.labrun.LabStates states = new dev.hyperlab.core.labrun.LabStates(data);
        dev.hyperlab.core.labrun.LabForwards forwards = new dev.hyperlab.core.labrun.LabForwards(data, List.of());
        try (ContainerService cts = ContainerService.connect()) {
            return new dev.hyperlab.core.labrun.LabLeftovers(states, svc.hypervisor(), java.util.Optional.of(cts.engine()),
                    forwards).scan(dryRun, prefix);
        } catch (HyperlabException e) {
            if (e.code() != ErrorCode.UNAVAILABLE) {
                throw e;
            }
            return new dev.hyperlab.core.labrun.LabLeftovers(states, svc.hypervisor(), java.util.Optional.empty(), forwards)
                    .scan(dryRun, prefix);
        }
    }

    /** Container directories no container uses; only when an engine answers (a host without Podman has VMs to clean too). */
    private List<VmService.Leftover> containerLeftovers(boolean dryRun) {
        try (ContainerService cts = ContainerService.connect()) {
            return cts.gc(dryRun, prefix).stream()
                    .map(l -> new VmService.Leftover(l.kind(), l.name(), l.reason(), l.removed())).toList();
        } catch (HyperlabException e) {
            if (e.code() != ErrorCode.UNAVAILABLE) {
                throw e;
            }
            spec.commandLine().getErr().println("container leftovers not checked: " + e.userMessage());
            return List.of();
        }
    }
}
