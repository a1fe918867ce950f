package dev.hyperlab.core.container.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.core.container.ContainerUsage;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerApiEngineTest {
    @Test void unreachableEngineNamesEverySocketTriedAndTheFix(@TempDir Path dir) throws Exception {
        Path stale = dir.resolve("stale.sock");
        Files.createFile(stale); // exists but nobody listens
        HyperlabException e = assertThrows(HyperlabException.class, () -> DockerApiEngine.connect(
                List.of("unix://" + dir.resolve("missing.sock"), "unix://" + stale)));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("missing.sock (no such socket)"), e.getMessage());
        assertTrue(e.getMessage().contains("stale.sock ("), e.getMessage());
        assertTrue(e.hint().contains("scripts/setup.sh") && e.hint().contains("podman system service"), e.hint());
    }

    @Test void linesAreReassembledAcrossFrames() {
        List<String> lines = new ArrayList<>();
        DockerStreams.LineSplitter s = new DockerStreams.LineSplitter(lines::add);
        s.accept("hel".getBytes(StandardCharsets.UTF_8));
        s.accept("lo\r\nwor".getBytes(StandardCharsets.UTF_8));
        s.accept("ld\nlast".getBytes(StandardCharsets.UTF_8));
        s.flush();
        assertEquals(List.of("hello", "world", "last"), lines);
    }

    @Test void aStatisticsReadingGivesCpuTimeAndUptimeOnTheEnginesClock() throws Exception {
        // Podman 4.3's answer to GET /containers/ID/stats?stream=false&one-shot=true, trimmed.
        String body = "{\"read\":\"2026-12-04T06:10:41.950054531Z\",\"preread\":\"0001-01-01T00:00:00Z\","
                + "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":475321683381,\"percpu_usage\":[240417719207,234903964174]},"
                + "\"system_cpu_usage\":32835423060378,\"online_cpus\":2},\"memory_stats\":{\"usage\":1265664}}";
        ContainerUsage u = DockerStats.usageOf(new ObjectMapper().readTree(body),
                Instant.parse("2026-12-04T05:58:14.255032955Z")).orElseThrow();
        assertEquals(475_321_683_381L, u.cpuTimeNanos());
        assertEquals(Duration.parse("PT12M27.695021576S"), u.uptime());
    }

    @Test void aReadingWithoutCpuCountersIsNoUsage() throws Exception {
        // What a container that stopped between the inspect and the reading answers.
        assertEquals(Optional.empty(), DockerStats.usageOf(new ObjectMapper().readTree(
                "{\"read\":\"2026-12-04T06:10:41Z\",\"cpu_stats\":{\"cpu_usage\":{}}}"), Instant.EPOCH));
    }

    @Test void engineStatusesMapToGuestStates() {
        assertEquals(GuestState.RUNNING, DockerInspection.stateOf("running"));
        assertEquals(GuestState.STOPPED, DockerInspection.stateOf("created"));
        assertEquals(GuestState.STOPPED, DockerInspection.stateOf("exited"));
        assertEquals(GuestState.UNKNOWN, DockerInspection.stateOf("weird"));
    }
}
