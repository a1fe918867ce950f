package dev.hyperlab.core.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.host.EngineFacts;
import dev.hyperlab.core.lab.Wiring;
import org.junit.jupiter.api.Test;

/** The engine API that scripts/setup.sh starts answers doctor, with the runtime setup chose. */
class EngineFactsProbeIT {
    @Test
    void theContainerEngineApiAnswersWithRunc() {
        EngineFacts e = EngineFactsProbe.probe(Wiring.discoveredEngines());
        assertTrue(e.reachable(), () -> "engine: " + e.error().orElse("") + " tried " + e.socketsTried());
        assertTrue(e.engine().toLowerCase().contains("podman") || e.engine().toLowerCase().contains("docker"), e.engine());
        assertEquals("runc", e.runtime());
        assertTrue(e.socket().orElseThrow().endsWith(".sock"), e.socket().toString());
    }
}
