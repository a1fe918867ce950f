package dev.hyperlab.core.host.probe;

import dev.hyperlab.core.container.EngineInfo;
import dev.hyperlab.core.container.docker.DockerApiEngine;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.host.EngineFacts;
import java.util.List;
import java.util.Optional;

/** Asks the container engine that hyperlab would use (the endpoints {@code ct} tries) what it is. */
public final class EngineFactsProbe {
    private EngineFactsProbe() {}

    public static EngineFacts probe(List<String> tried) {
        try (DockerApiEngine engine = DockerApiEngine.connect(tried)) {
            EngineInfo i = engine.info();
            return new EngineFacts(tried, Optional.of(i.socket()), Optional.empty(), i.name(), i.version(),
                    i.apiVersion(), i.runtime());
        } catch (HyperlabException e) {
            return EngineFacts.unreachable(tried, e.getMessage());
        }
    }
}
