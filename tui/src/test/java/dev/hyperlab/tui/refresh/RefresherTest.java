package dev.hyperlab.tui.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.labrun.LabStates;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.tui.data.Fetch;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.data.GuestSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefresherTest {
    @TempDir Path data;

    /** One running container, "db", and nothing else. */
    static final GuestSource ONE_CONTAINER = new GuestSource() {
        @Override public Fetch fetch() {
            return new Fetch(List.of(SnapshotBuilderTest.g(GuestKind.CONTAINER, "db", GuestState.RUNNING)), Map.of(),
                    System.nanoTime());
        }

        @Override public List<Field> details(GuestKey key) { return List.of(); }

        @Override public AutoCloseable subscribe(Runnable onChange) { return () -> { }; }

        @Override public String describe() { return "one container"; }

        @Override public void close() { }
    };

    @Test
    @DisplayName("each reload reads the labs' state beside the guests; a broken state file keeps the labs last read and says why")
    void labsAreReadWithEveryReload() throws Exception {
        LabStates states = new LabStates(data);
        try (Refresher r = new Refresher(ONE_CONTAINER, states::all, s -> { }, () -> null, Duration.ofSeconds(1),
                Duration.ZERO)) {
            Snapshot before = r.reload();
            assertEquals(List.of(), before.labs());
            assertEquals(Optional.empty(), before.rows().get(0).lab());

            states.save(new LabState("web-lab", "/srv/hyperlab.yaml", "iid", Map.of(),
                    Map.of("db", new LabState.Guest("system", Map.of(), Map.of("lan", "192.168.150.20"), 3.1))));
            Snapshot up = r.reload();
            assertEquals(List.of("web-lab"), up.labs().stream().map(LabState::lab).toList());
            assertEquals(Optional.of("web-lab"), up.rows().get(0).lab());
            assertEquals(Optional.empty(), up.labProblem());

            Files.writeString(data.resolve("labs/web-lab.json"), "{ not json");
            Snapshot broken = r.reload();
            assertEquals(List.of("web-lab"), broken.labs().stream().map(LabState::lab).toList(), "the last labs known");
            assertEquals(Optional.of("web-lab"), broken.rows().get(0).lab());
            assertTrue(broken.labProblem().orElseThrow().startsWith("reading " + data.resolve("labs/web-lab.json")),
                    broken.labProblem().toString());
        }
    }
}
