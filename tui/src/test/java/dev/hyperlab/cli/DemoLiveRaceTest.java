package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoLiveRaceTest {
    private static Map<Subject, BootTimeline> race(BootTimeline vm, BootTimeline ct) {
        Map<Subject, BootTimeline> m = new LinkedHashMap<>();
        m.put(Subject.VM, vm);
        m.put(Subject.SYSTEM_CONTAINER, ct);
        return m;
    }

    @Test void intoAFileTheTableIsPrintedOncePerPhaseReachedNotOncePerTick() {
        StringWriter sw = new StringWriter();
        DemoCommand.LiveRace live = new DemoCommand.LiveRace(new PrintWriter(sw), false);
        BootTimeline created = BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(200));
        live.show(race(created, created), Duration.ofSeconds(1));
        live.show(race(created, created), Duration.ofSeconds(2)); // a tick: nothing new
        live.show(race(created.reached(Phase.STARTED, Duration.ofMillis(700)), created), Duration.ofSeconds(3));
        String out = sw.toString();
        assertEquals(2, out.split("phase ", -1).length - 1, out);
        assertTrue(!out.contains("\u001B"), "no terminal escapes in a file");
    }

    @Test void onATerminalEachTickRedrawsTheTableInPlace() {
        StringWriter sw = new StringWriter();
        DemoCommand.LiveRace live = new DemoCommand.LiveRace(new PrintWriter(sw), true);
        BootTimeline created = BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(200));
        live.show(race(created, created), Duration.ofSeconds(1));
        live.show(race(created, created), Duration.ofSeconds(2));
        String out = sw.toString();
        assertTrue(out.contains("\u001B[7F\u001B[J"), out); // up over the 7 lines drawn (header, rule, 5 phases)
        assertTrue(out.contains("... 2.0 s"), out);
    }

    @Test void afterARestartTheTableIsPrintedBelowInsteadOfOverWhatCameBetween() {
        StringWriter sw = new StringWriter();
        DemoCommand.LiveRace live = new DemoCommand.LiveRace(new PrintWriter(sw), true);
        BootTimeline created = BootTimeline.empty().reached(Phase.CREATED, Duration.ofMillis(200));
        live.show(race(created, created), Duration.ofSeconds(1));
        live.restart(); // a step line was printed
        live.show(race(created, created), Duration.ofSeconds(2));
        assertTrue(!sw.toString().contains("\u001B"), sw.toString());
    }
}
