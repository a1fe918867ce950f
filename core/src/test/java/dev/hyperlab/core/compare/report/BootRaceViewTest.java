package dev.hyperlab.core.compare.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.model.Subject;
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

    private static Map<Subject, BootTimeline> race() {
        Map<Subject, BootTimeline> race = new LinkedHashMap<>();
        race.put(Subject.VM, BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(120))
                .reached(Phase.STARTED, Duration.ofMillis(900)).reached(Phase.KERNEL, Duration.ofMillis(4100)));
        race.put(Subject.SYSTEM_CONTAINER, BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(200))
                .reached(Phase.STARTED, Duration.ofMillis(480)).reached(Phase.INIT, Duration.ofMillis(1100))
                .reached(Phase.READY, Duration.ofMillis(2900)));
        return race;
    }

    private static int bar(String line, char c, int from) {
        return (int) line.substring(from).chars().takeWhile(x -> x == c || x == '>').count();
    }

    @Test
    void barsSideBySideOnOneScaleAndTheAwaitedPhaseGrows() {
        List<String> at12 = BootRaceView.bars(race(), Duration.ofMillis(12_300), 80);
        assertEquals(7, at12.size());
        at12.forEach(l -> assertTrue(l.length() <= 80, l));
        int vmCol = at12.get(0).indexOf("VM");
        int ctCol = at12.get(0).indexOf("system container");
        assertEquals(9, vmCol);
        assertTrue(ctCol > vmCol + 20, at12.get(0));
        String kernel = at12.get(3);
        String init = at12.get(4);
        String ready = at12.get(5);
        assertTrue(kernel.startsWith("kernel") && kernel.contains("4.1 s") && kernel.substring(ctCol).startsWith("-"), kernel);
        assertTrue(init.substring(vmCol).contains("> ... 12.3 s"), init);
        assertTrue(ready.substring(vmCol, ctCol).isBlank(), "only the awaited phase grows: " + ready);
        assertTrue(ready.substring(ctCol).startsWith("#") && ready.endsWith("2.9 s"), ready);
        assertEquals("bars: 0 to 20 s on the host clock", at12.get(6));
        // same scale for both: 4.1 s is longer than 2.9 s, and the awaited bar is longer than both
        int vmKernel = bar(kernel, '#', vmCol);
        int ctReady = bar(ready, '#', ctCol);
        int vmInit = bar(init, '=', vmCol);
        assertTrue(ctReady < vmKernel && vmKernel < vmInit, ctReady + " " + vmKernel + " " + vmInit);

        List<String> at18 = BootRaceView.bars(race(), Duration.ofMillis(18_000), 80);
        assertTrue(bar(at18.get(4), '=', vmCol) > vmInit, "the waiting bar grows with the clock");
        assertEquals(vmKernel, bar(at18.get(3), '#', vmCol), "reached bars keep their length on the same scale");
        List<String> at25 = BootRaceView.bars(race(), Duration.ofMillis(25_000), 80);
        assertEquals("bars: 0 to 30 s on the host clock", at25.get(6));
    }

    @Test
    void scalesAreRoundAndHoldTheWholeRace() {
        assertEquals(1, BootRaceView.scaleSeconds(Map.of(), Duration.ZERO));
        assertEquals(120, BootRaceView.scaleSeconds(race(), Duration.ofSeconds(96)));
        assertEquals(7200, BootRaceView.scaleSeconds(race(), Duration.ofMinutes(61)));
    }
}
