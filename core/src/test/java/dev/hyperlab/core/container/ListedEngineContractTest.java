package dev.hyperlab.core.container;

import dev.hyperlab.core.lab.ListedEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The in-memory engine the unit tests use keeps the bookkeeping promises of the Podman adapter
 * (PodmanEngineIT runs the same kit on Podman, the process tests included).
 */
class ListedEngineContractTest extends ContainerEngineContract {
    private static final String IMAGE = "localhost/hyperlab/kit-shell:1";
    private final ListedEngine engine = new ListedEngine();

    ListedEngineContractTest() throws IOException {
        Path tar = Files.createTempFile("hl-kit-rootfs", ".tar");
        try {
            Files.write(tar, new byte[3 << 20]); // the size is what the engine counts
            engine.importRootfs(tar, IMAGE);
        } finally {
            Files.delete(tar);
        }
    }

    @Override protected ContainerEngine engine() { return engine; }

    @Override protected String shellImage() { return IMAGE; }

    @Override protected boolean runsProcesses() { return false; }
}
