package dev.hyperlab.core.container;

import java.util.Map;

/**
 * An engine network on a host bridge.
 *
 * <p>Why macvlan on the bridge and not the engine's bridge driver: Podman 4.3's bridge driver
 * refuses a subnet that the libvirt network's bridge already routes ("already used on the host"),
 * while a macvlan with {@code parent=} the bridge puts containers on that very segment (measured on
 * this host: a VM and a container on one, each reached the other).
 *
 * @param parent  the host interface (a lab network's bridge)
 * @param subnet  CIDR, e.g. 192.168.150.0/24
 * @param gateway the host's address on the bridge
 */
public record EngineNetwork(String name, String parent, String subnet, String gateway, Map<String, String> labels) {
    public EngineNetwork {
        labels = Map.copyOf(labels);
    }
}
