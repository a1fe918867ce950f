package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hyperlab compare --vm-levers} for real with the smallest useful settings: two cold VMs for the
 * tb-cache (hyperlab's 256 MiB against QEMU's default), one with free page reporting off, two instant
 * clones of the compare template (the run's {@link SharedTemplate}) and 20 s of KSM (when the host has
 * it). About 4 minutes on an idle 2-core host under TCG (3 cold boots, 2 restores).
 * Checks that each setting took effect in QEMU, that KSM is left as found, and that nothing is left.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedTemplate.class)
class VmLeversIT {
    private static final Path KSM_RUN = Path.of("/sys/kernel/mm/ksm/run");

    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.hyperlab.core.leak.LeakCheck LEAKS = dev.hyperlab.core.leak.LeakCheck.afterEach("hlc-");

    @Test
    void eachLeverIsMeasuredInOneRunAndTheHostIsLeftAsItWas(@TempDir Path dir) throws Exception {
        String ksmBefore = Files.isRegularFile(KSM_RUN) ? Files.readString(KSM_RUN).trim() : "";
        Path out = dir.resolve("levers.json");
        CliTest.Result r = CliTest.run("compare", "--kinds", "app-ct", "--runs", "1", "--no-bench", "--vm-levers",
                "--tb-cache", "0", "--clones", "2", "--ksm-wait", "20", "--settle", "5", "--boot-timeout", "600",
                "--json", out.toString());
        System.out.println(r.err());
        assertEquals(0, r.code(), r.err());
        JsonNode levers = new ObjectMapper().readTree(Files.readString(out)).get("vmLevers");
        System.out.println(levers.toPrettyString());

        List<String> names = new ArrayList<>();
        levers.get("effects").forEach(e -> names.add(e.get("lever").asText()));
        boolean ksm = Files.isWritable(KSM_RUN);
        List<String> expected = new ArrayList<>(List.of("tb-cache 256 MiB (hyperlab's default)",
                "free page reporting (guest caches dropped)", "instant clones of one template (2 running)"));
        if (ksm) {
            expected.add("KSM (20 s, pages_to_scan 1000)");
        } else {
            assertTrue(levers.get("notes").toString().contains("KSM: not measured"), levers.get("notes").toString());
        }
        assertEquals(expected, names);

        // the settings took effect in QEMU: hyperlab's cache stays within its 256 MiB, QEMU's own grows past it
        JsonNode ours = reading(levers, "hyperlab default", "settled");
        JsonNode qemus = reading(levers, "tb-cache QEMU default", "settled");
        assertTrue(ours.get("tcgCacheBytes").asLong() <= 257L << 20, ours.toString());
        assertTrue(qemus.get("tcgCacheBytes").asLong() > ours.get("tcgCacheBytes").asLong(), qemus.toString());
        for (JsonNode e : levers.get("effects")) {
            assertTrue(e.get("withoutBytes").asLong() > 50L << 20 && e.get("withBytes").asLong() > 50L << 20, e.toString());
        }
        JsonNode clones = reading(levers, "instant clone", "settled");
        assertEquals(2, clones.get("vms").asInt());
        assertTrue(clones.get("pssBytes").asLong() <= clones.get("rssBytes").asLong(), clones.toString());
        if (!ksmBefore.isEmpty()) {
            assertEquals(ksmBefore, Files.readString(KSM_RUN).trim(), "KSM's run put back");
        }
        CompareIT.assertNothingLeft("hlc-");
    }

    private static JsonNode reading(JsonNode levers, String setting, String stage) {
        for (JsonNode r : levers.get("readings")) {
            if (r.get("setting").asText().equals(setting) && r.get("stage").asText().equals(stage)) {
                return r;
            }
        }
        throw new AssertionError("no reading " + setting + " " + stage + " in " + levers);
    }
}
