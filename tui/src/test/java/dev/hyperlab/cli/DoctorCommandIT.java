package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** doctor on the CI host: /dev/kvm is there but cannot run stock guests, so it must say tcg. */
class DoctorCommandIT {
    @Test
    void reportsTcgOnThisHostAndEveryCheckOfTheStack() throws Exception {
        CliTest.Result r = CliTest.run("doctor", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("tcg", json.get("accelerator").asText());
        assertTrue(json.get("acceleratorReason").asText().contains("far slower"));
        for (JsonNode check : json.get("checks")) {
            if (!check.get("name").asText().equals("accelerator")) {
                assertEquals("OK", check.get("status").asText(), check.toString());
            }
        }
    }

    @Test
    void humanOutputHasOneLinePerCheckAndAFixForTheWarning() {
        CliTest.Result r = CliTest.run("doctor");
        assertTrue(r.out().startsWith("WARN  accelerator"), r.out());
        assertTrue(r.out().contains("fix: "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("OK    libvirt")), r.out());
    }
}
