package dev.hyperlab.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineEndpointTest {
    @Test void containerHostWinsAndIsTheOnlyCandidate() {
        assertEquals(List.of("unix:///x/c.sock"),
                EngineEndpoint.candidates(Map.of("CONTAINER_HOST", "unix:///x/c.sock", "DOCKER_HOST", "unix:///y.sock"), true));
    }

    @Test void dockerHostIsUsedWhenNoContainerHost() {
        assertEquals(List.of("tcp://127.0.0.1:2375"), EngineEndpoint.candidates(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), true));
    }

    @Test void bareSocketPathBecomesUnixUrl() {
        assertEquals(List.of("unix:///run/d.sock"), EngineEndpoint.candidates(Map.of("DOCKER_HOST", "/run/d.sock"), false));
    }

    @Test void rootTriesPodmanThenDocker() {
        assertEquals(List.of("unix:///run/podman/podman.sock", "unix:///var/run/docker.sock"),
                EngineEndpoint.candidates(Map.of("XDG_RUNTIME_DIR", "/run/user/0"), true));
    }

    @Test void userTriesOwnPodmanSocketFirst() {
        assertEquals(List.of("unix:///run/user/1000/podman/podman.sock", "unix:///run/podman/podman.sock",
                        "unix:///var/run/docker.sock"),
                EngineEndpoint.candidates(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), false));
    }

    @Test void configuredEngineNamesItsSocketsOnly() {
        assertEquals(List.of("unix:///var/run/docker.sock"), EngineEndpoint.configured("docker", Map.of(), true));
        assertEquals(List.of("unix:///run/user/1000/podman/podman.sock", "unix:///run/podman/podman.sock"),
                EngineEndpoint.configured("podman", Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), false));
        assertEquals(List.of("unix:///run/p.sock"), EngineEndpoint.configured("/run/p.sock", Map.of(), true));
    }
}
