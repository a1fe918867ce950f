package dev.hyperlab.cli;

import dev.hyperlab.core.lab.VmService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hyperlab gc}: removes what a crashed run left (labelled volumes, logs, broken domains). */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Find and remove hyperlab leftovers of crashed runs (volumes, console logs, broken domains).")
final class GcCommand implements Callable<Integer> {
    @Mixin VmCommand.Connection connection;
    @Option(names = {"-n", "--dry-run"}, description = "Only list what would be removed.") boolean dryRun;
    @Spec CommandSpec spec;

    @Override public Integer call() {
        try (VmService svc = connection.open()) {
            List<VmService.Leftover> found = svc.gc(dryRun);
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
}
