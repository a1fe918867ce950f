package dev.hyperlab.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.core.vm.DomainSpec;
import dev.hyperlab.core.vm.DomainType;
import dev.hyperlab.core.vm.HyperlabLabel;
import dev.hyperlab.core.vm.NetworkSpec;
import dev.hyperlab.core.vm.SnapshotInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The snapshot manager over VmService's snapshots on core's FakeHypervisor: tree, take, revert, delete. */
class SnapshotScreenTest extends GuestScreenFixture {

    private void defineVm(String name) {
        hv.define(new DomainSpec(name, DomainType.QEMU, 1, 256L << 20, "/hl-tui-test/" + name + ".qcow2",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), NetworkSpec.NONE,
                dataDir.resolve(name + "-console.log").toString(), new HyperlabLabel("tiny", Instant.now(), "iid-" + name,
                "hyperlab", name + ".qcow2", "", dataDir.resolve(name + "-console.log").toString())));
    }

    private String current() {
        return hv.listSnapshots("hl-tui-s1").stream().filter(SnapshotInfo::current).map(SnapshotInfo::name)
                .findFirst().orElse("");
    }

    @Test
    void takeRevertAndDeleteWithConfirmation() throws Exception {
        defineVm("hl-tui-s1");
        screen.awaitText("hl-tui-s1");
        select("hl-tui-s1");
        screen.type("S");
        String t = screen.awaitText("no snapshots of vm/hl-tui-s1 yet (c takes one)");
        assertTrue(t.contains("Snapshots of vm/hl-tui-s1") && t.contains("c:take  r:revert  d:delete  Esc:back"), t);

        screen.type("c");
        screen.awaitText("Snapshot name:");
        screen.type("clean");
        screen.key(KeyType.Enter);
        screen.awaitText("took snapshot 'clean'");
        screen.type("c");
        screen.awaitText("Snapshot name:");
        screen.type("second");
        screen.key(KeyType.Enter);
        t = screen.awaitText("took snapshot 'second'");
        assertTrue(t.lines().anyMatch(l -> l.matches(".*│  clean +shutoff .*")), "the parent, at the root\n" + t);
        assertTrue(t.lines().anyMatch(l -> l.matches(".*│>    └─ second +shutoff .*<- current.*")),
                "the child under it, selected and current\n" + t);

        screen.type("k");
        screen.awaitLine(".*│> clean +shutoff .*");
        screen.type("r");
        screen.awaitText("Revert vm/hl-tui-s1 to snapshot 'clean'?");
        screen.type("n");
        screen.awaitNoText("Revert vm/hl-tui-s1 to");
        assertEquals("second", current(), "'n' reverts nothing");
        screen.type("r");
        screen.awaitText("Revert vm/hl-tui-s1 to snapshot 'clean'?");
        screen.type("y");
        t = screen.awaitText("reverted to 'clean'");
        assertTrue(t.lines().anyMatch(l -> l.matches(".*│> clean +shutoff .*<- current.*")), t);
        assertEquals("clean", current());

        screen.type("d");
        screen.awaitText("Delete snapshot 'clean' of vm/hl-tui-s1?");
        screen.type("y");
        t = screen.awaitText("deleted snapshot 'clean'");
        assertTrue(t.lines().anyMatch(l -> l.matches(".*│> second +shutoff .*")), "the child is a root now\n" + t);
        assertEquals(List.of("second"), hv.listSnapshots("hl-tui-s1").stream().map(SnapshotInfo::name).toList());

        screen.type("c");
        screen.awaitText("Snapshot name:");
        screen.type("bad name!");
        screen.key(KeyType.Enter);
        t = screen.awaitText("Error");
        assertTrue(flat(t).contains("bad snapshot name 'bad name!'"), t);
        screen.key(KeyType.Enter);
        screen.awaitNoText("bad snapshot name");
        screen.key(KeyType.Escape);
        screen.awaitNoText("Snapshots of vm/hl-tui-s1");
    }

    @Test
    void containersHaveNoSnapshots() throws Exception {
        cts.add("hl-tui-ct3", GuestState.RUNNING);
        screen.awaitText("hl-tui-ct3");
        select("hl-tui-ct3");
        screen.type("S");
        String t = screen.awaitText("Error");
        assertTrue(flat(t).contains("snapshots are for VMs: ct/hl-tui-ct3 is a container"), t);
    }
}
