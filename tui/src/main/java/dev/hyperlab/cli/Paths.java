package dev.hyperlab.cli;

import java.nio.file.Path;

/** Where hyperlab keeps its data; replaced by the images store's DataDir once that lands. */
final class Paths {
    private Paths() {}

    static Path dataDir() {
        String home = System.getenv("HYPERLAB_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/hyperlab");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "share") : Path.of(xdg))
                .resolve("hyperlab");
    }
}
