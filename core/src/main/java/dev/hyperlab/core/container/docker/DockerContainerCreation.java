package dev.hyperlab.core.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import dev.hyperlab.core.container.ContainerSpec;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.List;

/**
 * A {@link ContainerSpec} made a container: its host config (every capability dropped but the
 * spec's, limits, tmpfs, read-only binds), its command, user and address, and a name clash told
 * as CONFLICT whichever way the engine answers it.
 */
final class DockerContainerCreation {
    private final DockerClient client;
    private final DockerErrors errors;

    DockerContainerCreation(DockerClient client, DockerErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    String create(ContainerSpec s) {
        HostConfig hc = HostConfig.newHostConfig()
                .withNetworkMode(s.network())
                .withCapDrop(Capability.ALL)
                .withCapAdd(s.capAdd().stream().map(Capability::valueOf).toArray(Capability[]::new))
                .withTmpFs(s.tmpfs().isEmpty() ? null : s.tmpfs())
                .withUlimits(s.ulimits().entrySet().stream()
                        .map(e -> new Ulimit(e.getKey(), e.getValue(), e.getValue())).toList());
        if (s.noNewPrivileges()) {
            hc.withSecurityOpts(List.of("no-new-privileges"));
        }
        if (s.nanoCpus() > 0) {
            hc.withNanoCPUs(s.nanoCpus());
        }
        if (s.memoryBytes() > 0) {
            hc.withMemory(s.memoryBytes()).withMemorySwap(s.memoryBytes());
        }
        if (!s.extraHosts().isEmpty()) {
            hc.withExtraHosts(s.extraHosts().toArray(String[]::new));
        }
        if (!s.binds().isEmpty()) {
            hc.withBinds(s.binds().entrySet().stream()
                    .map(e -> Bind.parse(e.getKey() + ":" + e.getValue() + ":ro")).toList());
        }
        try (CreateContainerCmd cmd = client.createContainerCmd(s.image())) {
            cmd.withName(s.name()).withLabels(s.labels()).withHostConfig(hc).withTty(s.tty())
                    .withEnv(s.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            if (!s.command().isEmpty()) {
                cmd.withCmd(s.command());
            }
            if (s.user() != null && !s.user().isBlank()) {
                cmd.withUser(s.user());
            }
            if (s.hostname() != null && !s.hostname().isBlank()) {
                cmd.withHostName(s.hostname());
            }
            if (s.stopSignal() != null && !s.stopSignal().isBlank()) {
                cmd.withStopSignal(s.stopSignal());
            }
            if (!s.ipv4Address().isEmpty()) {
                cmd.withIpv4Address(s.ipv4Address()); // NetworkingConfig.EndpointsConfig[network].IPAMConfig
            }
            return cmd.exec().getId();
        } catch (ConflictException e) {
            throw nameTaken(s.name(), e);
        } catch (NotFoundException e) {
            throw new HyperlabException(ErrorCode.NOT_FOUND, "creating container " + s.name()
                    + " failed: image " + s.image() + " not found", "try `hyperlab image list`", e);
        } catch (DockerException e) {
            // Podman 4.3 answers a name clash with 500 "... is already in use", Docker with 409.
            if (String.valueOf(e.getMessage()).contains("already in use")) {
                throw nameTaken(s.name(), e);
            }
            throw errors.failed("creating container " + s.name(), e);
        }
    }

    private static HyperlabException nameTaken(String name, Throwable e) {
        return new HyperlabException(ErrorCode.CONFLICT, "creating container " + name + " failed: the name is taken",
                "try another name, or `hyperlab ct rm " + name + "`", e);
    }
}
