package dev.hyperlab.core.container.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.hyperlab.core.container.ContainerUsage;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One raw statistics reading of a running container ({@code /containers/ID/stats?stream=false&one-shot=true}):
 * docker-java's stats command has no {@code one-shot}, without which Docker waits a second for a second
 * sample (Podman answers at once either way).
 */
final class DockerStats {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;
    private final DockerErrors errors;

    DockerStats(DockerHttpClient http, DockerErrors errors) {
        this.http = http;
        this.errors = errors;
    }

    /** Its CPU time and uptime; empty when it went away or stopped since {@code startedAt} was read. */
    Optional<ContainerUsage> read(String id, Instant startedAt) {
        DockerHttpClient.Request req = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/stats?stream=false&one-shot=true")
                .build();
        int status;
        String body;
        try (DockerHttpClient.Response resp = http.execute(req)) {
            status = resp.getStatusCode();
            body = new String(resp.getBody().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw errors.failed("reading the statistics of container " + id, e);
        }
        if (status == 404) {
            return Optional.empty(); // removed since the inspect
        }
        if (status / 100 != 2) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading the statistics of container " + id
                    + " failed: " + status + " " + EngineMessages.oneLine(body), "try `hyperlab doctor`");
        }
        try {
            return usageOf(JSON.readTree(body), startedAt);
        } catch (IOException | RuntimeException e) {
            throw errors.failed("reading the statistics of container " + id, e);
        }
    }

    /** A statistics reading: {@code cpu_stats.cpu_usage.total_usage} (ns) and its {@code read} time. */
    static Optional<ContainerUsage> usageOf(JsonNode stats, Instant startedAt) {
        JsonNode total = stats.path("cpu_stats").path("cpu_usage").path("total_usage");
        if (!total.canConvertToLong()) {
            return Optional.empty(); // stopped between the inspect and the reading
        }
        Instant read = Instant.parse(stats.path("read").asText());
        return Optional.of(new ContainerUsage(total.asLong(), Duration.between(startedAt, read).isNegative()
                ? Duration.ZERO : Duration.between(startedAt, read)));
    }
}
