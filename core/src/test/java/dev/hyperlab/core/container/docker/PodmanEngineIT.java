package dev.hyperlab.core.container.docker;

import dev.hyperlab.core.TestImages;
import dev.hyperlab.core.container.ContainerEngine;
import dev.hyperlab.core.container.ContainerEngineContract;
import dev.hyperlab.core.container.EngineEndpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The adapter test kit against the real Podman API service (started by scripts/setup.sh). */
class PodmanEngineIT extends ContainerEngineContract {
    private static DockerApiEngine engine;
    private static String image;

    @BeforeAll static void connect() {
        engine = DockerApiEngine.connect(List.of("unix://" + EngineEndpoint.PODMAN_ROOT_SOCKET));
        image = TestImages.defaultImageRef(engine, Path.of("target", "it-data").toAbsolutePath());
    }

    @AfterAll static void disconnect() {
        if (engine != null) {
            engine.close();
        }
    }

    @Override protected ContainerEngine engine() { return engine; }

    @Override protected String shellImage() { return image; }
}
