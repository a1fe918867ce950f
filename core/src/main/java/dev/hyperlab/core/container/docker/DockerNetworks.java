package dev.hyperlab.core.container.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.hyperlab.core.container.EngineNetwork;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.List;
import java.util.Map;

/** A lab's macvlan networks in the engine: made, removed (idempotent) and listed by label. */
final class DockerNetworks {
    private final DockerClient client;
    private final DockerErrors errors;

    DockerNetworks(DockerClient client, DockerErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    void create(EngineNetwork n) {
        try {
            client.createNetworkCmd().withName(n.name()).withDriver("macvlan").withCheckDuplicate(true)
                    .withOptions(Map.of("parent", n.parent())).withLabels(n.labels())
                    .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(n.subnet())
                            .withGateway(n.gateway())))
                    .exec();
        } catch (ConflictException e) {
            throw new HyperlabException(ErrorCode.CONFLICT, "an engine network named '" + n.name() + "' exists already",
                    "try 'hyperlab down' for its lab, or 'podman network rm " + n.name() + "'", e);
        } catch (DockerException e) {
            throw errors.failed("creating network " + n.name(), e);
        }
    }

    void remove(String name) {
        try {
            client.removeNetworkCmd(name).exec();
        } catch (NotFoundException e) {
            // gone already: removing is idempotent
        } catch (DockerException e) {
            throw errors.failed("removing network " + name, e);
        }
    }

    List<String> list(Map<String, String> labels) {
        try {
            return client.listNetworksCmd().exec().stream()
                    .filter(n -> n.getLabels() != null && n.getLabels().entrySet().containsAll(labels.entrySet()))
                    .map(Network::getName).sorted().toList();
        } catch (DockerException e) {
            throw errors.failed("listing networks", e);
        }
    }
}
