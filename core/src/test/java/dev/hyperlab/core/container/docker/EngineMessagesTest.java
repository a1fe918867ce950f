package dev.hyperlab.core.container.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Engine errors reach the user as one line: no status line, no JSON, no 64-hex ids. */
class EngineMessagesTest {
    private static final String ID = "3f5c0a7e9b1d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";

    @Test
    @DisplayName("Podman's 500 for exec in a stopped container")
    void execInAStoppedContainer() {
        String raw = "Status 500: {\"cause\":\"container state improper\",\"message\":\"can only create exec sessions on "
                + "running containers: container " + ID + " is stopped: container state improper\",\"response\":500}\n";
        String m = EngineMessages.oneLine(raw);
        assertEquals("can only create exec sessions on running containers: container 3f5c0a7e9b1d is stopped: "
                + "container state improper", m);
        assertEquals("try starting the container first", EngineMessages.hint(m, null, "unix:///run/podman/podman.sock"));
    }

    @Test
    @DisplayName("Podman's 500 for a network that does not exist")
    void unknownNetwork() {
        String raw = "Status 500: {\"cause\":\"network not found\",\"message\":\"unable to find network with name or ID "
                + "nosuchnet: network not found\",\"response\":500}";
        String m = EngineMessages.oneLine(raw);
        assertEquals("unable to find network with name or ID nosuchnet: network not found", m);
        assertEquals("try --network none, or a network from `podman network ls`", EngineMessages.hint(m, "box", "x"));
    }

    @Test
    @DisplayName("text that is not JSON is kept, on one line")
    void plainText() {
        assertEquals("connection refused", EngineMessages.oneLine("  connection\n  refused "));
        assertEquals("the engine gave no reason", EngineMessages.oneLine(null));
        assertEquals("{broken", EngineMessages.oneLine("Status 500: {broken"));
        assertEquals("try `hyperlab doctor` (engine at E)", EngineMessages.hint("something else", null, "E"));
    }
}
