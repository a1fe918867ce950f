package dev.hyperlab.images.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.images.ImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeTest {
    @Test
    void defaultRecipeHasWhatGuestsAndTheCompareIssueNeed() {
        Recipe r = Recipe.load(DefaultImage.NAME);
        assertEquals("bookworm", r.suite());
        assertEquals("minbase", r.variant());
        assertEquals(4L << 30, r.diskSize());
        for (String p : new String[] {"systemd-sysv", "udev", "cloud-init", "linux-image-cloud-amd64", "qemu-guest-agent",
                "openssh-server", "sysbench", "fio", "stress-ng", "procps", "iproute2"}) {
            assertTrue(r.packages().contains(p), p);
        }
        assertTrue(r.kernelCmdline().contains("console=ttyS0"));
        assertTrue(r.text("90-hyperlab.cfg").contains("datasource_list: [ NoCloud, None ]"));
    }

    @Test
    void hashIsStableAndCoversEveryFile() {
        Recipe a = Recipe.load(DefaultImage.NAME);
        assertEquals(a.hash(), Recipe.load(DefaultImage.NAME).hash());
        assertEquals(64, a.hash().length());
        assertNotEquals(a.hash(), Recipe.load("broken-test").hash());
    }

    @Test
    void unknownRecipeIsBadInput() {
        ImageException e = assertThrows(ImageException.class, () -> Recipe.load("nope"));
        assertEquals(ImageException.Kind.BAD_INPUT, e.kind());
    }

    @Test
    void writesScriptsExecutable(@TempDir Path dir) throws IOException {
        Recipe.load(DefaultImage.NAME).writeTo(dir);
        assertTrue(Files.isExecutable(dir.resolve("customize.sh")));
        assertTrue(Files.isRegularFile(dir.resolve("packages.txt")));
    }
}
