package dev.hyperlab.core.lab;

import java.nio.file.Path;

/** Mirrors the images module's DataDir rule until that module is merged (then this delegates). */
final class LabDataDir {
    private LabDataDir() {}

    static Path resolve() {
        String home = System.getenv("HYPERLAB_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/hyperlab");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local/share");
        return base.resolve("hyperlab");
    }
}
