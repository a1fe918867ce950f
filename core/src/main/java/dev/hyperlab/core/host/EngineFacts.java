package dev.hyperlab.core.host;

import java.util.List;
import java.util.Optional;

/**
 * What the container engine's API said, or which sockets were tried when none answered.
 *
 * @param engine  "Podman Engine" or "Docker Engine"
 * @param runtime the OCI runtime the engine uses by default (runc, crun)
 */
public record EngineFacts(List<String> socketsTried, Optional<String> socket, Optional<String> error,
                          String engine, String version, String apiVersion, String runtime) {
    public boolean reachable() { return error.isEmpty(); }

    public static EngineFacts unreachable(List<String> tried, String error) {
        return new EngineFacts(tried, Optional.empty(), Optional.of(error), "", "", "", "");
    }
}
