package dev.hyperlab.core;

import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.EnvRootfsSource;
import dev.hyperlab.core.lab.InterimSeedWriter;
import java.nio.file.Path;

/** The default image, imported into the engine once per build (idempotent). */
public final class TestImages {
    private TestImages() {}

    public static String defaultImageRef(ContainerEngine engine, Path dataDir) {
        ContainerService svc = new ContainerService(engine, dataDir, new EnvRootfsSource(), new InterimSeedWriter(), System::nanoTime);
        return svc.resolveImage("debian-12", m -> System.err.println(m));
    }
}
