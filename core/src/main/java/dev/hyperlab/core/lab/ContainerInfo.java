package dev.hyperlab.core.lab;

import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.container.ContainerMode;
import dev.hyperlab.core.model.GuestSummary;

/** {@code hyperlab ct info}: the list row plus what only the detail view shows. */
public record ContainerInfo(GuestSummary summary, ContainerMode mode, ContainerDetails details, String instanceId,
                            String seedDir) {
}
