package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad input is rejected by validation alone, before the engine is asked anything (engine is null here). */
class ContainerRequestValidationTest {
    private final ContainerService svc = new ContainerService(null, Path.of("/nonexistent"), null, null, System::nanoTime,
            new HostResources(2, 4L << 30));

    private void bad(ContainerRequest r, String fragment) {
        HyperlabException e = assertThrows(HyperlabException.class, () -> svc.validate(r));
        assertTrue(e.isUsageError(), e.getMessage());
        assertTrue(e.userMessage().contains(fragment), e.userMessage());
    }

    @Test void acceptsAReasonableAppRequest() {
        assertDoesNotThrow(() -> svc.validate(ContainerRequest.app("web-1", "debian-12", List.of("echo", "hi")).withLimits(1.5, 64L << 20)));
    }

    @Test void rejectsBadNames() {
        bad(ContainerRequest.app("-x", "debian-12", List.of("true")), "name");
        bad(ContainerRequest.app("a/b", "debian-12", List.of("true")), "name");
    }

    @Test void rejectsLimitsOutOfRange() {
        ContainerRequest r = ContainerRequest.app("a", "debian-12", List.of("true"));
        bad(r.withLimits(3, 0), "exceeds this host's 2 CPUs");
        bad(r.withLimits(-1, 0), "out of range");
        bad(r.withLimits(0.001, 0), "smallest quota");
        bad(r.withLimits(0, 5L << 20), "minimum of 6M");
        bad(r.withLimits(0, 8L << 30), "exceeds this host's");
    }

    @Test void rejectsModeMismatches() {
        bad(ContainerRequest.app("a", "debian-12", List.of()), "needs a command");
        bad(new ContainerRequest("s", "debian-12", ContainerMode.SYSTEM, 0, 0, Optional.empty(), Optional.empty(), "none",
                List.of("sh")), "runs /sbin/init");
        bad(new ContainerRequest("a", "debian-12", ContainerMode.APP, 0, 0, Optional.empty(), Optional.of(Path.of("/etc/hostname")),
                "none", List.of("true")), "--cloud-config needs a system container");
        bad(ContainerRequest.system("s", "debian-12", Optional.of(Path.of("/nonexistent.yaml"))), "cannot be read");
        bad(ContainerRequest.system("s", "debian-12", Optional.empty()).withUser("alice"), "--user applies to app");
    }

    @Test void rejectsBadUserAndNetwork() {
        bad(ContainerRequest.app("a", "debian-12", List.of("true")).withUser("a b"), "user");
        bad(new ContainerRequest("a", "debian-12", ContainerMode.APP, 0, 0, Optional.empty(), Optional.empty(), "bad net",
                List.of("true")), "network");
    }

    @Test void loginUserAndKeysAreForSystemContainersAndCheckedLikeAVms(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path pub = dir.resolve("id.pub");
        java.nio.file.Files.writeString(pub, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx dev@host\n");
        Path priv = dir.resolve("id");
        java.nio.file.Files.writeString(priv, "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n");
        ContainerRequest system = ContainerRequest.system("s", "debian-12", Optional.empty());
        assertDoesNotThrow(() -> svc.validate(system.withLogin(Optional.of("dev"), List.of(pub))));
        bad(ContainerRequest.app("a", "debian-12", List.of("true")).withLogin(Optional.of("dev"), List.of()),
                "need a system container");
        bad(system.withLogin(Optional.of("root"), List.of()), "login name other than root");
        bad(system.withLogin(Optional.empty(), List.of(priv)), "holds a private key");
        bad(system.withLogin(Optional.empty(), List.of(dir.resolve("missing.pub"))), "cannot be read");
    }
}
