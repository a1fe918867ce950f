package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("conventions: -q prints names only; version --json names every component")
class QuietAndVersionTest {
    @Test
    @DisplayName("vm list -q prints one name a line and nothing else (test:///default has one domain, 'test')")
    void quietVmList() {
        CliTest.Result r = CliTest.run("vm", "list", "-q", "--all", "-c", "test:///default");
        assertEquals(0, r.code(), r.err());
        assertEquals("test\n", r.out().replace("\r\n", "\n"));
        CliTest.Result table = CliTest.run("vm", "list", "--all", "-c", "test:///default");
        assertTrue(table.out().startsWith("NAME"), "without -q the table with its header");
    }

    @Test
    @DisplayName("version --json: hyperlab, java, libvirt, qemu, engine (null for what does not answer)")
    void versionJson() throws Exception {
        CliTest.Result r = CliTest.run("version", "--json", "-c", "test:///default");
        assertEquals(0, r.code(), r.err());
        JsonNode v = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"hyperlab", "java", "libvirt", "qemu", "engine", "engineApi"}) {
            assertTrue(v.has(key), key + " in " + r.out());
        }
        assertTrue(v.get("java").asText().startsWith(System.getProperty("java.version")), r.out());
        assertTrue(v.get("libvirt").asText().matches("\\d+\\.\\d+\\.\\d+"), "test:///default answers: " + r.out());
    }
}
