package dev.hyperlab.core.compare.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KSM is switched on only for the measurement and left as it was found. */
class KsmControlTest {
    @Test
    void takingOverSetsRunAndPagesToScanAndClosingPutsThemBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("run"), "0\n");
        Files.writeString(dir.resolve("pages_to_scan"), "100\n");
        Files.writeString(dir.resolve("pages_sharing"), "1234\n");
        assertTrue(KsmControl.probe(dir).usable());
        try (KsmControl k = KsmControl.takeOver(dir, 1000)) {
            assertEquals("1", Files.readString(dir.resolve("run")).trim());
            assertEquals("1000", Files.readString(dir.resolve("pages_to_scan")).trim());
            assertEquals(1234, k.pagesSharing());
            assertEquals("0", k.runBefore());
        }
        assertEquals("0", Files.readString(dir.resolve("run")).trim());
        assertEquals("100", Files.readString(dir.resolve("pages_to_scan")).trim());
    }

    @Test
    void aKernelWithoutKsmIsSaidSo(@TempDir Path dir) {
        KsmControl.Availability a = KsmControl.probe(dir.resolve("ksm"));
        assertFalse(a.usable());
        assertTrue(a.why().startsWith("KSM is not in this host's kernel"), a.why());
    }
}
