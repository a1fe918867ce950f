package dev.hyperlab.core.lab;

import java.nio.file.Path;

/** Where hyperlab keeps per-container files, below the data directory of {@code dev.hyperlab.images.store.DataDir}. */
public final class LabDirs {
    private LabDirs() {}

    /** One directory per container: its seed and its recorded boot timeline. */
    public static Path containerDir(Path dataDir, String name) {
        return dataDir.resolve("containers").resolve(name);
    }

    /** The per-name lock files ({@code dev.hyperlab.core.lock.NameLocks}), one directory per host. */
    public static Path locksDir(Path dataDir) {
        return dataDir.resolve("locks");
    }
}
