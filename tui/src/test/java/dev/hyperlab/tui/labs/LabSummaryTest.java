package dev.hyperlab.tui.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hyperlab.core.labfile.LabFileParser;
import dev.hyperlab.core.labrun.LabState;
import dev.hyperlab.core.model.GuestKind;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.labs.LabSummary.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the labs view merges lab files and labs that are up, and what it calls up. */
class LabSummaryTest {
    static LabFileEntry file(String path, String yaml) {
        return LabFileEntry.of(LabFileParser.parse(yaml, Path.of(path)));
    }

    static LabState state(String lab, String file, Map<String, String> kinds) {
        Map<String, LabState.Guest> guests = new java.util.LinkedHashMap<>();
        kinds.forEach((n, k) -> guests.put(n, new LabState.Guest(k, Map.of(), Map.of(), 1.0)));
        return new LabState(lab, file, "iid", Map.of(), guests);
    }

    static final String WEB = "name: web\nguests:\n  w1: {kind: vm}\n  q1: {kind: app, command: [sleep, '1']}\n";

    private static String line(LabSummary s) {
        return s.name() + " " + s.status().label() + " " + s.guestsUp() + "/" + s.guests()
                + s.upFile().map(p -> " " + p).orElse("");
    }

    @Test
    @DisplayName("up when every guest of the file became ready in an up and runs; an app container counts while it "
            + "exists (its command may have ended); partial otherwise; not up without a state")
    void statusFromTheStateAndTheGuestList() {
        LabFileEntry f = file("/p/hyperlab.yaml", WEB);
        LabState st = state("web", "/p/hyperlab.yaml", Map.of("w1", "vm", "q1", "app"));
        Map<GuestKey, GuestState> live = Map.of(new GuestKey(GuestKind.VM, "w1"), GuestState.RUNNING,
                new GuestKey(GuestKind.CONTAINER, "q1"), GuestState.STOPPED);
        assertEquals("web up 2/2 /p/hyperlab.yaml", line(LabSummary.merge(List.of(f), List.of(st), live).get(0)));
        assertEquals("web partial 1/2 /p/hyperlab.yaml", line(LabSummary.merge(List.of(f), List.of(st),
                Map.of(new GuestKey(GuestKind.VM, "w1"), GuestState.RUNNING)).get(0)), "the app container is gone");
        LabState half = state("web", "/p/hyperlab.yaml", Map.of("w1", "vm")); // an up interrupted before q1
        assertEquals("web partial 1/2 /p/hyperlab.yaml", line(LabSummary.merge(List.of(f), List.of(half), live).get(0)));
        assertEquals("web not up 0/2 /p/hyperlab.yaml", line(LabSummary.merge(List.of(f), List.of(), live).get(0)),
                "a VM of that name outside any lab is not the lab's");
        LabState booting = new LabState("web", "/p/hyperlab.yaml", "iid", Map.of(), Map.of(
                "w1", new LabState.Guest("vm", Map.of(), Map.of(), null), "q1", new LabState.Guest("app", Map.of(), Map.of(), 0.4)));
        assertEquals("web partial 1/2 /p/hyperlab.yaml", line(LabSummary.merge(List.of(f), List.of(booting), live).get(0)),
                "a VM that runs but has not become ready in its up is not up yet");
    }

    @Test
    @DisplayName("one row per lab name: a lab up from a file not found here is listed with its state's guests and "
            + "file; of two files of one name, the one it is up from; invalid files last, by file name")
    void mergedByName() {
        LabFileEntry here = file("/here/hyperlab.yaml", WEB);
        LabFileEntry kept = file("/cfg/labs/web.yaml", WEB);
        LabFileEntry bad = LabFileEntry.invalid(Path.of("/cfg/labs/bad.yaml"), "lab file bad.yaml is invalid: ...");
        LabState web = state("web", "/cfg/labs/web.yaml", Map.of("w1", "vm"));
        LabState db = state("db", "/srv/db/hyperlab.yaml", Map.of("d1", "system"));
        List<LabSummary> rows = LabSummary.merge(List.of(here, kept, bad), List.of(web, db),
                Map.of(new GuestKey(GuestKind.CONTAINER, "d1"), GuestState.RUNNING));
        assertEquals(List.of("db up 1/1 /srv/db/hyperlab.yaml", "web partial 0/2 /cfg/labs/web.yaml",
                "bad.yaml invalid 0/0 /cfg/labs/bad.yaml"), rows.stream().map(LabSummaryTest::line).toList());
        assertEquals(Optional.empty(), rows.get(0).file());
        assertEquals("file:/cfg/labs/bad.yaml", rows.get(2).key());
        assertEquals("web not up 0/2 /here/hyperlab.yaml", line(LabSummary.merge(List.of(here, kept), List.of(),
                Map.of()).get(0)), "not up: the first found");
    }
}
