package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.core.compare.CompareListener;
import dev.hyperlab.core.compare.CompareOptions;
import dev.hyperlab.core.compare.CompareRunner;
import dev.hyperlab.core.compare.HostExec;
import dev.hyperlab.core.compare.MeasurementSet;
import dev.hyperlab.core.compare.Subject;
import dev.hyperlab.core.compare.bench.BenchmarkPlan;
import dev.hyperlab.core.compare.report.ReportFormat;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.ImageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole comparison, for real: a TCG VM without a NIC, a system and an app container with
 * network none, one run each, quick benchmarks; then the JSON is checked for every field and for
 * plausibility, and the host for leftovers.
 */
class CompareIT {
    @Test
    void oneRunOfEveryKindProducesAPlausibleReportAndLeavesNothing() throws Exception {
        DefaultImage.ensure(ImageStore.openDefault(), p -> { });
        CompareOptions o = new CompareOptions(DefaultImage.NAME, 1, 1, 1L << 30, BenchmarkPlan.quick(),
                Duration.ofMinutes(10), 0, 1);
        MeasurementSet set;
        try (CompareLab lab = CompareLab.openDefault("qemu:///system")) {
            set = new CompareRunner(lab, Clock.systemUTC()).run(o, Subject.guests(), new CompareListener() {
                @Override public void step(String m) { System.out.println("compare: " + m); }
            });
        }
        JsonNode j = new ObjectMapper().readTree(ReportFormat.JSON.render(set));
        assertEquals("hyperlab.compare/1", j.get("schema").asText());
        assertEquals(1, j.get("meta").get("runs").asInt());
        assertFalse(j.get("meta").get("accelerator").asText().isEmpty());

        double vmReady = readyMs(j, "vm");
        double sysReady = readyMs(j, "system-ct");
        double appReady = readyMs(j, "app-ct");
        assertTrue(sysReady < vmReady && appReady < vmReady, "containers boot faster: " + vmReady + " " + sysReady + " " + appReady);

        double qemuRss = memory(j, "vm", "qemuRssMb");
        assertTrue(qemuRss > memory(j, "system-ct", "cgroupMb") && qemuRss > memory(j, "app-ct", "cgroupMb"));

        String hostKernel = j.get("isolation").get("raw").get("host").get("kernel").asText();
        assertNotEquals(hostKernel, j.get("isolation").get("raw").get("vm").get("kernel").asText());
        assertEquals(hostKernel, j.get("isolation").get("raw").get("system-ct").get("kernel").asText());
        assertEquals(hostKernel, j.get("isolation").get("raw").get("app-ct").get("kernel").asText());

        for (String kind : List.of("host", "vm", "system-ct", "app-ct")) {
            long n = 0;
            for (JsonNode b : j.get("benchmarks")) {
                if (b.get("kind").asText().equals(kind)) {
                    assertTrue(b.get("median").asDouble() > 0, b.toString());
                    n++;
                }
            }
            assertEquals(4, n, kind);
        }
        assertEquals(3, j.get("disk").size());

        HostExec h = new HostExec();
        assertFalse(h.exec(List.of("virsh", "-c", "qemu:///system", "list", "--all", "--name"), Duration.ofSeconds(30))
                .stdout().contains("hlc-"), "no VM left");
        assertFalse(h.exec(List.of("podman", "ps", "-a", "--format", "{{.Names}}"), Duration.ofSeconds(30))
                .stdout().contains("hlc-"), "no container left");
    }

    private static double readyMs(JsonNode j, String kind) {
        for (JsonNode b : j.get("boot")) {
            if (b.get("kind").asText().equals(kind) && b.get("phase").asText().equals("ready")) {
                return b.get("medianMs").asDouble();
            }
        }
        throw new AssertionError("no ready time for " + kind);
    }

    private static double memory(JsonNode j, String kind, String field) {
        for (JsonNode m : j.get("memory")) {
            if (m.get("kind").asText().equals(kind)) {
                assertTrue(m.get(field).isNumber(), kind + " " + field + ": " + m);
                return m.get(field).asDouble();
            }
        }
        throw new AssertionError("no memory for " + kind);
    }
}
