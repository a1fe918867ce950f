package dev.hyperlab.tui.view;

import dev.hyperlab.core.lab.FakeHypervisor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.tui.data.GuestDefaults;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.VmMigrations;
import dev.hyperlab.tui.host.HostInfoProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code M} on the list: which host (the session's others), then the migration, its steps and outcome in the status line. */
class MigrateScreenTest {
    @TempDir Path dataDir;
    private ScreenHarness screen;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    /** Records what it was asked; "moves" a VM by saying so, as the real one does when done. */
    private final VmMigrations migrations = new VmMigrations() {
        @Override public List<String> targets(GuestKey key) { return List.of("lab2", "lab3"); }

        @Override public String migrate(GuestKey key, String target, Consumer<String> step) {
            asked.add(key + " -> " + target);
            step.accept("live-migrating " + key.name() + " from local to " + target);
            return "migrated " + key.name() + " from local to " + target + " in 4.1 s: 210 MiB moved, downtime 109 ms";
        }
    };

    @AfterEach
    void close() { screen.close(); }

    @Test
    void theSelectedVmGoesToTheHostPicked() throws Exception {
        screen = new ScreenHarness(100, 24, () -> HostInfoProbe.probe("test:///default", dataDir), dataDir, FakeHypervisor.likeTheTestDriver(),
                new FakeContainers(), GuestDefaults.builtIn(TinyImage.NAME, List.of()), null, Optional.of(migrations));
        screen.awaitText("running");
        screen.type("/test");
        screen.key(KeyType.Enter);
        screen.type("M");
        screen.awaitText("Move test to which host?");
        screen.awaitText("lab3");
        screen.key(KeyType.ArrowDown);
        screen.key(KeyType.Enter);
        screen.awaitText("migrated test from local to lab3 in 4.1 s: 210 MiB moved, downtime 109 ms");
        assertEquals(List.of(new GuestKey(GuestKind.VM, "test") + " -> lab3"), asked);
    }
}
