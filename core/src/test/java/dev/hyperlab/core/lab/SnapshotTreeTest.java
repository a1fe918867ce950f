package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.core.vm.SnapshotInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotTreeTest {
    private static SnapshotInfo s(String name, String parent) {
        return new SnapshotInfo(name, Optional.ofNullable(parent), false, "shutoff", Instant.EPOCH, "");
    }

    @Test
    void parentsComeBeforeTheirChildrenDepthFirst() {
        List<SnapshotInfo> all = List.of(s("base", null), s("a", "base"), s("b", "base"), s("a1", "a"),
                s("orphan", "gone"));
        List<String> order = SnapshotTree.order(all).stream()
                .map(n -> n.depth() + ":" + n.snapshot().name()).toList();
        assertEquals(List.of("0:base", "1:a", "2:a1", "1:b", "0:orphan"), order);
    }
}
