package dev.hyperlab.core.container;

import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.error.HyperlabException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where to find the container engine: the candidates in the order they are tried.
 *
 * <p>An explicit CONTAINER_HOST or DOCKER_HOST wins and is the only candidate (the user asked for
 * it). Otherwise Podman's rootful socket, Podman's per-user socket, then Docker's socket.
 */
public final class EngineEndpoint {
    public static final String PODMAN_ROOT_SOCKET = "/run/podman/podman.sock";
    public static final String DOCKER_SOCKET = "/var/run/docker.sock";

    private EngineEndpoint() {}

    /** Endpoints to try, e.g. "unix:///run/podman/podman.sock", given the environment and whether we run as root. */
    public static List<String> candidates(Map<String, String> env, boolean root) {
        for (String var : List.of("CONTAINER_HOST", "DOCKER_HOST")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return List.of(normalize(v.trim()));
            }
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (root) {
            out.add("unix://" + PODMAN_ROOT_SOCKET);
        } else {
            String xdg = env.get("XDG_RUNTIME_DIR");
            if (xdg != null && !xdg.isBlank()) {
                out.add("unix://" + Path.of(xdg, "podman", "podman.sock"));
            }
            out.add("unix://" + PODMAN_ROOT_SOCKET);
        }
        out.add("unix://" + DOCKER_SOCKET);
        return new ArrayList<>(out);
    }

    /**
     * The candidates for this process: CONTAINER_HOST or DOCKER_HOST, else the {@code engine} of
     * config.yaml ({@code podman}, {@code docker} or an endpoint), else the defaults.
     */
    public static List<String> forThisProcess() {
        Map<String, String> env = System.getenv();
        boolean root = runningAsRoot();
        return HyperlabConfig.load().get(ConfigKey.ENGINE).map(e -> configured(e, env, root))
                .orElseGet(() -> candidates(env, root));
    }

    /** What an {@code engine} value of config.yaml stands for. */
    static List<String> configured(String engine, Map<String, String> env, boolean root) {
        if (engine.equalsIgnoreCase("docker")) {
            return List.of("unix://" + DOCKER_SOCKET);
        }
        if (engine.equalsIgnoreCase("podman")) {
            List<String> podman = new ArrayList<>(candidates(Map.of(), root));
            podman.remove("unix://" + DOCKER_SOCKET);
            String xdg = env.get("XDG_RUNTIME_DIR");
            if (!root && xdg != null && !xdg.isBlank()) {
                podman.add(0, "unix://" + Path.of(xdg, "podman", "podman.sock"));
            }
            return List.copyOf(new LinkedHashSet<>(podman));
        }
        return List.of(normalize(engine));
    }

    /** A bare path means a Unix socket. */
    static String normalize(String host) {
        if (host.startsWith("/")) {
            return "unix://" + host;
        }
        return host;
    }

    /** The socket file behind a unix:// endpoint, or null for TCP endpoints. */
    public static Path socketPath(String endpoint) {
        if (!endpoint.startsWith("unix://")) {
            return null;
        }
        try {
            String path = new URI(endpoint).getPath();
            if (path == null || path.isEmpty()) {
                throw new URISyntaxException(endpoint, "no socket path");
            }
            return Path.of(path);
        } catch (URISyntaxException | java.nio.file.InvalidPathException e) {
            // It comes from CONTAINER_HOST or DOCKER_HOST: say which value is wrong instead of a stack trace.
            throw HyperlabException.badInput("bad container engine endpoint '" + endpoint + "': " + e.getMessage(),
                    "try CONTAINER_HOST=unix:///run/podman/podman.sock");
        }
    }

    /** Whether an endpoint is worth a connection attempt (TCP ones always are). */
    public static boolean present(String endpoint) {
        Path p = socketPath(endpoint);
        return p == null || Files.exists(p);
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
