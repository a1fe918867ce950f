package dev.hyperlab.cli;

import dev.hyperlab.cli.complete.NameKind;
import dev.hyperlab.core.lab.SnapshotTree;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.vm.SnapshotInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hyperlab vm snapshot create|list|revert|delete}: a VM's internal qcow2 snapshots. */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Internal qcow2 snapshots (running VMs keep memory state).",
        subcommands = {VmSnapshotCommand.Create.class, VmSnapshotCommand.ListSnaps.class, VmSnapshotCommand.Revert.class,
                VmSnapshotCommand.Delete.class})
final class VmSnapshotCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Take a snapshot.")
    static final class Create extends VmCommand.Base {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
        @Parameters(index = "1", paramLabel = "SNAP") String snap;
        @Option(names = {"-m", "--description"}) String description = "";

        @Override Integer run(VmService svc) {
            svc.snapshotCreate(name, snap, description);
            out().println("snapshot " + snap + " of " + name + " created");
            return 0;
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "Show the snapshot tree.")
    static final class ListSnaps extends VmCommand.Base {
        @Parameters(paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
        @Option(names = "--json") boolean json;

        @Override Integer run(VmService svc) throws Exception {
            List<SnapshotInfo> all = svc.snapshots(name);
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SnapshotInfo s : all) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", s.name());
                    m.put("parent", s.parent().orElse(null));
                    m.put("current", s.current());
                    m.put("state", s.state());
                    m.put("created", s.created().toString());
                    m.put("description", s.description());
                    rows.add(m);
                }
                out().println(VmCommand.JSON.writeValueAsString(rows));
                return 0;
            }
            if (all.isEmpty()) {
                out().println("no snapshots of " + name);
            }
            for (SnapshotTree.Node n : SnapshotTree.order(all)) {
                SnapshotInfo s = n.snapshot();
                out().printf("%s%s%s  (%s, %s)%s%n", "   ".repeat(n.depth()), n.depth() == 0 ? "" : "└─ ", s.name(),
                        s.state(), s.created(), s.current() ? "  <- current" : "");
            }
            return 0;
        }
    }

    @Command(name = "revert", mixinStandardHelpOptions = true, description = "Go back to a snapshot.")
    static final class Revert extends VmCommand.Base {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
        @Parameters(index = "1", paramLabel = "SNAP", completionCandidates = NameKind.Snapshots.class) String snap;

        @Override Integer run(VmService svc) {
            svc.snapshotRevert(name, snap);
            out().println(name + " reverted to " + snap);
            return 0;
        }
    }

    @Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
            description = "Delete a snapshot (its children keep their data).")
    static final class Delete extends VmCommand.Base {
        @Parameters(index = "0", paramLabel = "NAME", completionCandidates = NameKind.Vms.class) String name;
        @Parameters(index = "1", paramLabel = "SNAP", completionCandidates = NameKind.Snapshots.class) String snap;

        @Override Integer run(VmService svc) {
            svc.snapshotDelete(name, snap);
            out().println("snapshot " + snap + " of " + name + " deleted");
            return 0;
        }
    }
}
