package dev.hyperlab.core.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.hyperlab.core.container.ContainerDetails;
import dev.hyperlab.core.container.ContainerDiskSizes;
import dev.hyperlab.core.container.ContainerUsage;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is read of containers: one inspected ({@link ContainerDetails}, with the engine's status
 * mapped to a {@link GuestState}), the listing by label, disk sizes, and the usage of a running one.
 */
final class DockerInspection {
    private final DockerClient client;
    private final DockerErrors errors;
    private final DockerStats stats;

    DockerInspection(DockerClient client, DockerErrors errors, DockerStats stats) {
        this.client = client;
        this.errors = errors;
        this.stats = stats;
    }

    Optional<ContainerDetails> inspect(String id) {
        try {
            return Optional.of(details(client.inspectContainerCmd(id).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw errors.failed("inspecting container " + id, e);
        }
    }

    ContainerDiskSizes diskSizes(String id) {
        try {
            InspectContainerResponse r = client.inspectContainerCmd(id).withSize(true).exec();
            Long image = client.inspectImageCmd(r.getImageId()).exec().getSize();
            return new ContainerDiskSizes(image == null ? 0 : image, r.getSizeRw() == null ? 0 : r.getSizeRw());
        } catch (NotFoundException e) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "container " + id + " not found", "try `hyperlab ct list`");
        } catch (DockerException e) {
            throw errors.failed("reading disk sizes of container " + id, e);
        }
    }

    /**
     * Inspect for the start time, then one raw statistics reading: docker-java's stats command has
     * no {@code one-shot}, without which Docker waits a second for a second sample (Podman answers
     * at once either way). The uptime is the reading's own time minus the start, both on the
     * engine's clock, so a remote engine's clock offset does not enter it.
     */
    Optional<ContainerUsage> usage(String id) {
        InspectContainerResponse.ContainerState st;
        try {
            st = client.inspectContainerCmd(id).exec().getState();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (DockerException e) {
            throw errors.failed("inspecting container " + id, e);
        }
        if (st == null || !Boolean.TRUE.equals(st.getRunning()) || st.getStartedAt() == null) {
            return Optional.empty();
        }
        return stats.read(id, Instant.parse(st.getStartedAt()));
    }

    private static ContainerDetails details(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState st = r.getState();
        HostConfig hc = r.getHostConfig();
        String status = st == null || st.getStatus() == null ? "unknown" : st.getStatus();
        Integer exit = st == null ? null : st.getExitCodeLong() == null ? null : st.getExitCodeLong().intValue();
        boolean exited = "exited".equals(status) || "stopped".equals(status);
        return new ContainerDetails(r.getId(), stripSlash(r.getName()), r.getConfig().getImage(), stateOf(status), status,
                r.getConfig().getLabels() == null ? Map.of() : Map.copyOf(r.getConfig().getLabels()),
                hc == null || hc.getNanoCPUs() == null ? 0 : hc.getNanoCPUs(),
                hc == null || hc.getMemory() == null ? 0 : hc.getMemory(),
                st == null || st.getPidLong() == null ? 0 : st.getPidLong().intValue(),
                exited ? Optional.ofNullable(exit) : Optional.empty());
    }

    List<ContainerDetails> list(Map<String, String> labels) {
        try {
            List<Container> cs = client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
            List<ContainerDetails> out = new ArrayList<>();
            for (Container c : cs) {
                // The list endpoint lacks limits; inspect gives the same record as inspect().
                inspect(c.getId()).ifPresent(out::add);
            }
            return out;
        } catch (DockerException e) {
            throw errors.failed("listing containers", e);
        }
    }

    static GuestState stateOf(String status) {
        return switch (status) {
            case "running" -> GuestState.RUNNING;
            case "paused" -> GuestState.PAUSED;
            case "created", "configured", "exited", "stopped" -> GuestState.STOPPED;
            case "restarting", "removing", "stopping" -> GuestState.TRANSITIONING;
            case "dead" -> GuestState.CRASHED;
            default -> GuestState.UNKNOWN;
        };
    }

    private static String stripSlash(String n) { return n != null && n.startsWith("/") ? n.substring(1) : n; }
}
