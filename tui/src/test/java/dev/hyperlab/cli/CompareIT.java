package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.core.exec.HostExec;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.DataDir;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole comparison, for real, through the CLI: {@code hyperlab compare --runs 1 --json FILE --quick}
 * makes a TCG VM without a NIC (commands through qemu-guest-agent), a system and an app container with
 * network none. The JSON is checked for every documented field, for plausibility, and the host for
 * leftovers (domains, volumes, containers, seed directories, console logs).
 */
@ExtendWith(SharedTemplate.class)
class CompareIT {
    /** Nothing named hlc-* may be left on the host after each test. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.hyperlab.core.leak.LeakCheck LEAKS = dev.hyperlab.core.leak.LeakCheck.afterEach("hlc-");

    private static final Set<String> PHASES = Set.of("created", "started", "kernel", "init", "ready");

    @Test
    void oneRunOfEveryKindProducesACompletePlausibleReportAndLeavesNothing(@TempDir Path dir) throws Exception {
        DefaultImage.ensure(ImageStore.openDefault(), p -> { });
        Path out = dir.resolve("run.json");
        CliTest.Result r = CliTest.run("compare", "--runs", "1", "--quick", "--boot-timeout", "600", "--json", out.toString());
        System.out.println(r.err());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(Files.readString(out));

        assertEquals("hyperlab.compare/1", j.get("schema").asText());
        assertEquals(Set.of("schema", "meta", "boot", "bootTrials", "memory", "memorySummary", "disk", "benchmarks",
                "benchmarkRuns", "clockChecks", "isolation", "density", "vmLevers"), names(j));
        JsonNode meta = j.get("meta");
        assertEquals(Set.of("timestamp", "accelerator", "acceleratorReason", "disclaimer", "host", "versions", "runs",
                "image", "guest", "p95Method", "clock"), names(meta));
        assertEquals("tcg", meta.get("accelerator").asText(), "this host has no vmx/svm");
        assertTrue(meta.get("disclaimer").asText().contains("emulation figures"));
        assertEquals(1, meta.get("runs").asInt());
        assertTrue(meta.get("host").get("cpus").asInt() >= 1 && meta.get("host").get("memoryMb").asDouble() > 1024);
        assertTrue(meta.get("host").get("loadStart").isNumber() && meta.get("host").get("loadEnd").isNumber());
        for (String v : List.of("libvirt", "qemu", "engine")) {
            assertFalse(meta.get("versions").path(v).asText().isBlank(), v);
        }

        // Boot: every phase of each kind, host clock; containers are ready long before the VM
        for (String kind : List.of("vm", "system-ct", "app-ct")) {
            for (String phase : kind.equals("vm") ? PHASES : kind.equals("system-ct")
                    ? Set.of("created", "started", "init", "ready") : Set.of("created", "started", "ready")) {
                JsonNode b = find(j.get("boot"), kind, "phase", phase);
                assertEquals(1, b.get("n").asInt());
                assertTrue(b.get("medianMs").asDouble() > 0 && b.get("p95Ms").asDouble() == b.get("medianMs").asDouble(), b.toString());
            }
        }
        double vmReady = find(j.get("boot"), "vm", "phase", "ready").get("medianMs").asDouble();
        assertTrue(find(j.get("boot"), "system-ct", "phase", "ready").get("medianMs").asDouble() < vmReady);
        assertTrue(find(j.get("boot"), "app-ct", "phase", "ready").get("medianMs").asDouble() < vmReady);
        assertTrue(vmReady > 10_000, "a TCG boot to cloud-init's end takes far more than 10 s: " + vmReady);

        // Memory: QEMU's RSS and PSS against each container's cgroup (+ conmon); a container reports no "used" of its own
        JsonNode vm = find(j.get("memory"), "vm", "kind", "vm");
        double qemuRss = vm.get("qemuRssMb").asDouble();
        assertTrue(qemuRss > 50 && vm.get("qemuPssMb").asDouble() <= qemuRss, vm.toString());
        assertTrue(vm.get("guestUsedMb").asDouble() > 20 && vm.get("guestUsedMb").asDouble() < vm.get("guestTotalMb").asDouble());
        assertTrue(vm.get("guestTotalMb").asDouble() <= 1024, "the VM's own 1 GiB, not the host's: " + vm);
        for (String kind : List.of("system-ct", "app-ct")) {
            JsonNode ct = find(j.get("memory"), kind, "kind", kind);
            assertTrue(ct.get("cgroupMb").asDouble() > 0 && ct.get("cgroupMb").asDouble() < qemuRss, ct.toString());
            assertTrue(ct.get("monitorPssMb").asDouble() > 0, "conmon found: " + ct);
            assertTrue(ct.get("guestViewIsHost").asBoolean());
            assertTrue(ct.get("guestUsedMb").isNull(), "the host's used memory is not the container's: " + ct);
            assertTrue(ct.get("workloadMb").asDouble() >= 0 && ct.get("overheadMb").isNumber(), ct.toString());
        }

        // Disk: base and per-instance bytes for each kind
        assertEquals(3, j.get("disk").size());
        for (JsonNode d : j.get("disk")) {
            assertTrue(d.get("baseBytes").asLong() > 100L << 20, d.toString());
            assertTrue(d.get("instanceBytes").asLong() >= 0, d.toString());
        }
        assertTrue(find(j.get("disk"), "vm", "kind", "vm").get("instanceBytes").asLong() > 0, "the overlay grew while booting");

        // Overhead vs host: four benchmarks everywhere, as % of the host; the VM's clock was checked
        for (String kind : List.of("host", "vm", "system-ct", "app-ct")) {
            int n = 0;
            for (JsonNode b : j.get("benchmarks")) {
                if (b.get("kind").asText().equals(kind)) {
                    assertTrue(b.get("median").asDouble() > 0 && b.get("percentOfHost").asDouble() > 0, b.toString());
                    n++;
                }
            }
            assertEquals(4, n, kind);
        }
        assertTrue(find(j.get("benchmarks"), "vm", "benchmark", "cpu").get("percentOfHost").asDouble() < 60,
                "a TCG VM's CPU is far below the host's");
        JsonNode clock = j.get("clockChecks").get(0);
        assertEquals("vm", clock.get("kind").asText());
        assertTrue(clock.get("hostSeconds").asDouble() > 3 && clock.get("rate").asDouble() > 0.2
                && clock.get("rate").asDouble() < 5, clock.toString());

        // Isolation: every probe for every kind; the VM runs its own kernel, the containers the host's
        JsonNode rows = j.get("isolation").get("rows");
        assertEquals(List.of("kernel", "own_kernel", "host_pids_visible", "own_net_ns", "load_kernel_modules",
                "proc_sys_writable", "capabilities", "seccomp"), keys(rows));
        for (JsonNode row : rows) {
            assertEquals(Set.of("host", "vm", "system-ct", "app-ct"), names(row.get("answers")), row.toString());
        }
        JsonNode raw = j.get("isolation").get("raw");
        String hostKernel = raw.get("host").get("kernel").asText();
        assertNotEquals(hostKernel, raw.get("vm").get("kernel").asText());
        assertEquals(hostKernel, raw.get("system-ct").get("kernel").asText());
        assertEquals(hostKernel, raw.get("app-ct").get("kernel").asText());
        assertEquals("none-or-lo", netOf(raw.get("vm")), "no NIC in the VM");
        assertEquals("none-or-lo", netOf(raw.get("app-ct")), "network none");

        assertNothingLeft("hlc-");
    }

    /**
     * The third racer: {@code --kinds vm-clone} makes the template outside the timed run (a cold boot,
     * once), then restores an instant clone from it, measured like any VM. The template is compare's
     * own name for one vCPU and 1 GiB, the {@link SharedTemplate} of the run: compare finds it made.
     */
    @Test
    void anInstantCloneIsMeasuredLikeAVm(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("clone.json");
        CliTest.Result r = CliTest.run("compare", "--runs", "1", "--no-bench", "--kinds", "vm-clone", "--boot-timeout",
                "600", "--json", out.toString());
        System.out.println(r.err());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(Files.readString(out));
        for (String phase : List.of("created", "restored", "identity", "ready")) {
            assertTrue(find(j.get("boot"), "vm-clone", "phase", phase).get("medianMs").asDouble() > 0, phase);
        }
        double ready = find(j.get("boot"), "vm-clone", "phase", "ready").get("medianMs").asDouble();
        assertTrue(ready < 60_000, "restored, not booted: " + ready);
        JsonNode mem = find(j.get("memory"), "vm-clone", "kind", "vm-clone");
        assertTrue(mem.get("qemuRssMb").asDouble() > 50, mem.toString());
        assertTrue(mem.get("guestTotalMb").asDouble() <= 1024, "its template's 1 GiB: " + mem);
        JsonNode raw = j.get("isolation").get("raw").get("vm-clone");
        assertNotEquals(j.get("isolation").get("raw").get("host").get("kernel").asText(), raw.get("kernel").asText());
        assertNothingLeft("hlc-");
        assertTrue(CliTest.run("vm", "template", "list").out().contains(SharedTemplate.NAME + " "), "the template is kept");
    }

    private static String netOf(JsonNode raw) {
        String ifaces = raw.path("net_ifaces").asText();
        return ifaces.isEmpty() || ifaces.equals("lo") ? "none-or-lo" : ifaces;
    }

    static void assertNothingLeft(String prefix) throws Exception {
        HostExec h = new HostExec();
        Duration t = Duration.ofSeconds(30);
        assertFalse(h.exec(List.of("virsh", "-c", "qemu:///system", "list", "--all", "--name"), t).stdout().contains(prefix),
                "no domain left");
        assertFalse(h.exec(List.of("virsh", "-c", "qemu:///system", "vol-list", "hyperlab"), t).stdout().contains(prefix),
                "no volume left");
        assertFalse(h.exec(List.of("podman", "ps", "-a", "--format", "{{.Names}}"), t).stdout().contains(prefix),
                "no container left");
        for (String sub : List.of("containers", "logs", "pool")) {
            Path d = DataDir.resolve().resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
                    assertTrue(left.isEmpty(), "left in " + d + ": " + left);
                }
            }
        }
    }

    private static JsonNode find(JsonNode array, String kind, String field, String value) {
        for (JsonNode n : array) {
            if (kind.equals(n.path("kind").asText()) && value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " for " + kind + " in " + array);
    }

    private static List<String> keys(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("key").asText()));
        return out;
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new TreeSet<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(s::add);
        return s;
    }
}
