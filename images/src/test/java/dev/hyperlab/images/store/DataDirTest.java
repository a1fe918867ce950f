package dev.hyperlab.images.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirTest {
    private static final Path HOME = Path.of("/home/u");

    @Test
    void hyperlabHomeWins() {
        assertEquals(Path.of("/srv/h"), DataDir.resolve(Map.of("HYPERLAB_HOME", "/srv/h", "XDG_DATA_HOME", "/x"), true, HOME));
    }

    @Test
    void rootUsesVarLib() {
        assertEquals(Path.of("/var/lib/hyperlab"), DataDir.resolve(Map.of("XDG_DATA_HOME", "/x"), true, HOME));
    }

    @Test
    void userUsesXdgDataHome() {
        assertEquals(Path.of("/x/hyperlab"), DataDir.resolve(Map.of("XDG_DATA_HOME", "/x"), false, HOME));
    }

    @Test
    void userFallsBackToLocalShare() {
        assertEquals(Path.of("/home/u/.local/share/hyperlab"), DataDir.resolve(Map.of(), false, HOME));
        // a relative XDG_DATA_HOME is invalid per the spec and ignored
        assertEquals(Path.of("/home/u/.local/share/hyperlab"), DataDir.resolve(Map.of("XDG_DATA_HOME", "rel"), false, HOME));
    }
}
