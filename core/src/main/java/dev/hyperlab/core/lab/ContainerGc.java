package dev.hyperlab.core.lab;

import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lock.NameLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** {@code hyperlab gc} for containers: the directories a crashed create or remove left. */
final class ContainerGc {
    private final ContainerEngine engine;
    private final Path dataDir;
    /** The engine is asked for its socket (the locks' key) only when there is a directory to judge. */
    private final Supplier<NameLocks> locks;

    ContainerGc(ContainerEngine engine, Path dataDir, Supplier<NameLocks> locks) {
        this.engine = engine;
        this.dataDir = dataDir;
        this.locks = locks;
    }

    /**
     * Removes the directories (seed, timeline) under the data directory whose container is gone, as
     * a create or remove that crashed leaves them, unless {@code dryRun}; only for container names
     * that start with {@code prefix} ("" for all). A name whose lock another operation holds is
     * skipped: its create is between its directory and its container.
     */
    List<ContainerService.Leftover> gc(boolean dryRun, String prefix) {
        List<ContainerService.Leftover> out = new ArrayList<>();
        Path root = LabDirs.containerDir(dataDir, "x").getParent();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "listing " + root + " failed: " + e.getMessage(), null, e);
        }
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            if (!GuestNames.isValid(name) || !name.startsWith(prefix)) {
                continue; // no create makes such a directory: not ours to judge
            }
            Optional<NameLocks.Held> lock = locks.get().tryAcquire(ContainerService.LOCK_KIND, name);
            if (lock.isEmpty()) {
                continue;
            }
            try (NameLocks.Held held = lock.get()) {
                Optional<ContainerDetails> d = engine.inspect(name);
                Optional<String> owner = ContainerService.owner(dir);
                boolean orphan = d.isEmpty() || (owner.isPresent()
                        && !owner.get().equals(d.get().labels().get(ContainerLabels.INSTANCE_ID)));
                if (orphan) {
                    if (!dryRun) {
                        ContainerService.deleteTree(dir);
                    }
                    out.add(new ContainerService.Leftover("ct-dir", dir.toString(), d.isEmpty() ? "no container " + name
                            : "container " + name + " is another create's", !dryRun));
                }
            }
        }
        return out;
    }
}
