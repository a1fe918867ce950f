package dev.hyperlab.core.lab;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where hyperlab keeps per-guest files. Mirrors the data-directory rule of the images module
 * (HYPERLAB_HOME; else /var/lib/hyperlab for root; else $XDG_DATA_HOME/hyperlab) until that
 * module's DataDir is merged.
 */
public final class LabDirs {
    private LabDirs() {}

    public static Path dataDir(Map<String, String> env, boolean root) {
        String home = env.get("HYPERLAB_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        if (root) {
            return Path.of("/var/lib/hyperlab");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("hyperlab");
    }

    public static Path dataDir() {
        return dataDir(System.getenv(), "root".equals(System.getProperty("user.name")));
    }

    /** One directory per container: its seed and its recorded boot timeline. */
    public static Path containerDir(Path dataDir, String name) {
        return dataDir.resolve("containers").resolve(name);
    }
}
