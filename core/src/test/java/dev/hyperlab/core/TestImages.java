package dev.hyperlab.core;

import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.lab.ContainerService;
import dev.hyperlab.core.lab.CloudInitSeedWriter;
import dev.hyperlab.core.lab.StoreRootfsSource;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Path;

/** The default image (built by the images module if the store lacks it), imported into the engine once per build. */
public final class TestImages {
    private TestImages() {}

    public static String defaultImageRef(ContainerEngine engine, Path dataDir) {
        ContainerService svc = new ContainerService(engine, dataDir, new StoreRootfsSource(ImageStore.openDefault()), new CloudInitSeedWriter(), System::nanoTime);
        return svc.resolveImage("debian-12", m -> System.err.println(m));
    }
}
