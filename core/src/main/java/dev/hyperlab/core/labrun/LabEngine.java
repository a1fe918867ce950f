package dev.hyperlab.core.labrun;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.ContainerService;
import java.util.Optional;
import java.util.function.Supplier;

/** The container engine for a lab command: required when the lab has containers, else used only when it answers. */
final class LabEngine {
    private LabEngine() {}

    static Optional<ContainerService> ifNeeded(Supplier<ContainerService> containers, boolean needed) {
        try {
            return Optional.of(containers.get());
        } catch (HyperlabException e) {
            if (needed || e.code() != ErrorCode.UNAVAILABLE) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
