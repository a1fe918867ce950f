package dev.hyperlab.core.lab;

import dev.hyperlab.core.vm.SnapshotInfo;
import java.util.ArrayList;
import java.util.List;

/** A VM's snapshots in tree order, for {@code hyperlab vm snapshot list} and the TUI's snapshot manager. */
public final class SnapshotTree {
    private SnapshotTree() {}

    /** One snapshot and how deep it sits (0 for a root). */
    public record Node(SnapshotInfo snapshot, int depth) {}

    /**
     * Depth first, each parent before its children, siblings in the given order (the service lists
     * them oldest first). A snapshot whose parent is not in the list counts as a root.
     */
    public static List<Node> order(List<SnapshotInfo> all) {
        List<Node> out = new ArrayList<>();
        for (SnapshotInfo s : all) {
            if (s.parent().isEmpty() || all.stream().noneMatch(p -> p.name().equals(s.parent().get()))) {
                add(all, s, 0, out);
            }
        }
        return out;
    }

    private static void add(List<SnapshotInfo> all, SnapshotInfo s, int depth, List<Node> out) {
        out.add(new Node(s, depth));
        for (SnapshotInfo c : all) {
            if (c.parent().filter(s.name()::equals).isPresent()) {
                add(all, c, depth + 1, out);
            }
        }
    }
}
