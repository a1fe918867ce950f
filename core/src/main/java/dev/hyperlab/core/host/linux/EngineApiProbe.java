package dev.hyperlab.core.host.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.core.host.EngineFacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the Docker-compatible API (Podman or Docker) for its version and default runtime.
 * Socket discovery order: CONTAINER_HOST, DOCKER_HOST, Podman's rootful socket, Docker's socket.
 */
public final class EngineApiProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineApiProbe() {}

    public static EngineFacts probe() {
        List<String> tried = new ArrayList<>();
        String lastError = "no socket found";
        for (Path socket : candidateSockets()) {
            tried.add(socket.toString());
            if (!Files.exists(socket)) {
                lastError = socket + " does not exist";
                continue;
            }
            try {
                JsonNode version = JSON.readTree(get(socket, "/version"));
                JsonNode info = JSON.readTree(get(socket, "/info"));
                String engine = version.path("Components").path(0).path("Name").asText("container engine");
                return new EngineFacts(tried, Optional.of(socket.toString()), Optional.empty(), engine,
                        version.path("Version").asText("?"), version.path("ApiVersion").asText("?"),
                        info.path("DefaultRuntime").asText(""));
            } catch (IOException e) {
                lastError = socket + ": " + e.getMessage();
            }
        }
        return EngineFacts.unreachable(tried, lastError);
    }

    static Set<Path> candidateSockets() {
        Set<Path> out = new LinkedHashSet<>();
        for (String var : List.of("CONTAINER_HOST", "DOCKER_HOST")) {
            String v = System.getenv(var);
            if (v != null && v.startsWith("unix://")) {
                out.add(Path.of(v.substring("unix://".length())));
            }
        }
        out.add(Path.of("/run/podman/podman.sock"));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            out.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        out.add(Path.of("/var/run/docker.sock"));
        return out;
    }

    /** A one-shot HTTP/1.0 GET: the engine closes the connection after the body, so no chunking. */
    static String get(Path socket, String path) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: engine\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) > 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            String response = out.toString(StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || body < 0) {
                throw new IOException("not an HTTP answer");
            }
            String status = response.substring(9, Math.min(12, response.length()));
            if (!status.equals("200")) {
                throw new IOException("GET " + path + " answered " + status);
            }
            return response.substring(body + 4);
        }
    }
}
