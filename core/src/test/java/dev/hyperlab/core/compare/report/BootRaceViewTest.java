package dev.hyperlab.core.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.core.compare.Subject;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootRaceViewTest {
    @Test
    void containerFinishedWhileTheVmIsStillBooting() {
        Map<Subject, BootTimeline> race = new LinkedHashMap<>();
        race.put(Subject.VM, BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(120))
                .reached(Phase.STARTED, Duration.ofMillis(900)).reached(Phase.KERNEL, Duration.ofMillis(4100)));
        race.put(Subject.SYSTEM_CONTAINER, BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(200))
                .reached(Phase.STARTED, Duration.ofMillis(480)).reached(Phase.INIT, Duration.ofMillis(1100))
                .reached(Phase.READY, Duration.ofMillis(2900)));
        List<List<String>> cells = BootRaceView.render(race, Duration.ofMillis(12_345)).lines()
                .map(l -> List.of(l.trim().split("\\s{2,}"))).toList();
        assertEquals(List.of("phase", "VM", "system container"), cells.get(0));
        assertEquals(List.of("created", "0.1 s", "0.2 s"), cells.get(2));
        assertEquals(List.of("kernel", "4.1 s", "-"), cells.get(4));
        assertEquals(List.of("init", "... 12.3 s", "1.1 s"), cells.get(5));
        assertEquals(List.of("ready", "... 12.3 s", "2.9 s"), cells.get(6));
        assertEquals(7, cells.size(), "no ssh row: demo guests have no NIC");
    }
}
