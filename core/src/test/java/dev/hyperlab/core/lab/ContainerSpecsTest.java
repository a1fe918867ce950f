package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.container.ContainerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerSpecsTest {
    @Test void appContainersAreUnprivilegedAndOffline() {
        ContainerSpec s = ContainerSpecs.app(ContainerRequest.app("a", "debian-12", List.of("echo")).withLimits(0.5, 64L << 20),
                "img", Map.of("dev.hyperlab.managed", "true"));
        assertEquals("65534:65534", s.user());
        assertTrue(s.capAdd().isEmpty());
        assertTrue(s.noNewPrivileges());
        assertEquals("none", s.network());
        assertEquals(500_000_000L, s.nanoCpus());
        assertEquals(Map.of("nofile", 1024L, "nproc", 1024L), s.ulimits());
    }

    @Test void systemContainersGetWhatSystemdNeedsAndTheSeed() {
        ContainerSpec s = ContainerSpecs.system(ContainerRequest.system("s", "debian-12", Optional.empty()), "img", "host1",
                Path.of("/data/s/seed"), Map.of());
        assertEquals(List.of("/sbin/init"), s.command());
        assertEquals("SIGRTMIN+3", s.stopSignal());
        assertEquals("podman", s.env().get("container"));
        assertTrue(s.tmpfs().keySet().containsAll(List.of("/run", "/run/lock", "/tmp", "/var/log/journal")));
        assertEquals("/var/lib/cloud/seed/nocloud", s.binds().get("/data/s/seed"));
        assertFalse(s.capAdd().contains("SYS_ADMIN"));
        assertEquals("host1", s.hostname());
        assertTrue(s.tty());
    }
}
