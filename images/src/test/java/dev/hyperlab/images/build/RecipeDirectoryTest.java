package dev.hyperlab.images.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.images.ImageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code image build --recipe DIR}: a recipe directory is read and checked whole before any build. */
class RecipeDirectoryTest {
    private static final Path DEBIAN_13 = Path.of("recipes/debian-13"); // Surefire runs in images/

    @TempDir Path tmp;

    @Test
    @DisplayName("the Debian 13 recipe in the repository loads: trixie from a mirror, the default image's hooks")
    void debian13() {
        Recipe r = Recipe.fromDirectory(DEBIAN_13);
        assertEquals("debian-13", r.name());
        assertEquals("trixie", r.suite());
        assertEquals(Optional.of("http://deb.debian.org/debian"), r.mirror());
        assertTrue(r.packages().contains("cloud-init") && r.packages().contains("linux-image-cloud-amd64"));
        assertEquals(4L << 30, r.diskSize());
        assertNotEquals(Recipe.load("debian-12").hash(), r.hash());
        assertEquals(Optional.empty(), Recipe.load("debian-12").mirror(), "the shipped recipe uses the host's sources");
    }

    private Path copy() throws Exception {
        Path d = tmp.resolve("r");
        Files.createDirectories(d);
        try (var files = Files.list(DEBIAN_13)) {
            for (Path f : files.toList()) {
                Files.copy(f, d.resolve(f.getFileName()));
            }
        }
        return d;
    }

    private void set(Path dir, String key, String value) throws Exception {
        Path p = dir.resolve("recipe.properties");
        String s = Files.readString(p).replaceAll("(?m)^" + java.util.regex.Pattern.quote(key) + "=.*$", key + "=" + value);
        Files.writeString(p, s);
    }

    private String refused(Path dir) {
        return assertThrows(ImageException.class, () -> Recipe.fromDirectory(dir)).getMessage();
    }

    @Test
    @DisplayName("a bad recipe directory is refused with the key or file at fault, before anything is built")
    void refusals() throws Exception {
        assertTrue(refused(tmp.resolve("nope")).contains("does not exist"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(refused(empty).contains("has no recipe.properties"));
        String[][] cases = {
            {"name", "Debian 13", "bad name 'Debian 13'"},
            {"suite", "../etc", "bad suite '../etc'"},
            {"variant", "huge", "bad variant 'huge'"},
            {"disk.size", "lots", "bad disk.size 'lots'"},
            {"disk.size", "100M", "disk.size must be 512M to 1024G"},
            {"mirror", "ftp://x y", "bad mirror 'ftp://x y'"},
            {"files", "packages.txt,essential.sh", "files= must list customize.sh"},
            {"files", "packages.txt,essential.sh,customize.sh,../secret", "bad file name '../secret'"},
            {"files", "packages.txt,essential.sh,customize.sh,missing.cfg", "lists missing.cfg, which is not a file"},
            {"kernel.cmdline", "", "lacks kernel.cmdline"},
        };
        for (String[] c : cases) {
            Path d = copy();
            set(d, c[0], c[1]);
            String m = refused(d);
            assertTrue(m.contains(c[2]), c[0] + "=" + c[1] + " -> " + m);
            deleteTree(d);
        }
        Path d = copy();
        Files.writeString(d.resolve("packages.txt"), "# nothing\n");
        assertTrue(refused(d).contains("packages.txt lists no package"));
    }

    private static void deleteTree(Path d) throws Exception {
        try (var files = Files.list(d)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(d);
    }
}
