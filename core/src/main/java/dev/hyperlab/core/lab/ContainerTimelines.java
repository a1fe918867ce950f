package dev.hyperlab.core.lab;

import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A container's last boot timeline, kept in its directory (the engine has no place for it): one
 * {@code PHASE=nanos} line per phase reached, so {@code ct list} shows the times after the run.
 */
final class ContainerTimelines {
    private final Path dataDir;

    ContainerTimelines(Path dataDir) {
        this.dataDir = dataDir;
    }

    void save(String name, BootTimeline tl) {
        Path f = LabDirs.containerDir(dataDir, name).resolve("timeline");
        StringBuilder sb = new StringBuilder();
        tl.asMap().forEach((p, d) -> sb.append(p.name()).append('=').append(d.toNanos()).append('\n'));
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The timeline is informative; the container itself is fine.
        }
    }

    BootTimeline load(String name) {
        Path f = LabDirs.containerDir(dataDir, name).resolve("timeline");
        BootTimeline tl = BootTimeline.empty();
        if (!Files.isRegularFile(f)) {
            return tl;
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    tl = tl.reached(Phase.valueOf(line.substring(0, eq)), Duration.ofNanos(Long.parseLong(line.substring(eq + 1))));
                }
            }
        } catch (IOException | RuntimeException e) {
            return BootTimeline.empty();
        }
        return tl;
    }
}
