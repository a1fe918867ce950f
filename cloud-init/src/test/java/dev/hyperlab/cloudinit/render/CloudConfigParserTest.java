package dev.hyperlab.cloudinit.render;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.CloudInitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudConfigParserTest {
    @TempDir Path tmp;

    private static String refused(String text) {
        CloudInitException e = assertThrows(CloudInitException.class, () -> CloudConfigParser.parse(text, "cfg.yaml"));
        assertTrue(e.isBadInput());
        return e.getMessage();
    }

    @Test
    void parsesAFile() throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "#cloud-config\npackages: [curl]\n");
        assertEquals(Map.of("packages", java.util.List.of("curl")), CloudConfigParser.parse(f));
        assertEquals(Map.of(), CloudConfigParser.parse("#cloud-config\n", "empty"));
    }

    @Test
    void missingHeaderSaysToAddIt() {
        String m = refused("packages: [curl]\n");
        assertTrue(m.contains("does not start with '#cloud-config'") && m.contains("try adding"), m);
        assertTrue(refused("#!/bin/sh\necho hi\n").contains("shell scripts"));
    }

    @Test
    void badYamlNamesTheLine() {
        String m = refused("#cloud-config\npackages:\n  - a\n bad: [\n");
        assertTrue(m.contains("not valid YAML at line"), m);
    }

    @Test
    void duplicateKeysAndNonMappingsAreRefused() {
        assertTrue(refused("#cloud-config\nruncmd: [a]\nruncmd: [b]\n").contains("not valid YAML"));
        assertTrue(refused("#cloud-config\n- a\n- b\n").contains("must be a mapping"));
    }

    @Test
    void missingFileAndDirectoryAreBadInput() {
        CloudInitException e = assertThrows(CloudInitException.class, () -> CloudConfigParser.parse(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(assertThrows(CloudInitException.class, () -> CloudConfigParser.parse(tmp)).getMessage().contains("directory"));
    }
}
