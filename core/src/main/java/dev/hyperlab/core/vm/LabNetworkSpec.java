package dev.hyperlab.core.vm;

import java.util.List;

/**
 * A lab network as the hypervisor makes it: a bridge with the host's address on it, DHCP for the
 * upper part of the subnet, a reservation per VM (so each VM gets the address the lab planned for
 * it), and NAT to the outside or none.
 *
 * @param name      the libvirt network's name ({@code hl-LAB-NET})
 * @param bridge    the Linux bridge it makes; at most 15 characters (IFNAMSIZ)
 * @param gateway   the host's address on the bridge
 * @param prefix    the subnet's prefix length
 * @param dhcpStart first address DHCP hands out to guests without a reservation
 * @param dhcpEnd   last such address
 * @param nat       whether guests reach out through the host (NAT) or only each other and the host
 * @param hosts     DHCP reservations: MAC address to IP address and name
 * @param lab       the lab that owns it, written into the network's {@code <metadata>} for gc
 * @param instanceId the id of the {@code up} that made it, so only that run's undo removes it
 */
public record LabNetworkSpec(
        String name,
        String bridge,
        String gateway,
        int prefix,
        String dhcpStart,
        String dhcpEnd,
        boolean nat,
        List<DhcpHost> hosts,
        String lab,
        String instanceId) {

    public LabNetworkSpec {
        if (bridge.length() > 15) {
            throw new IllegalArgumentException("bridge name longer than 15 characters: " + bridge);
        }
        hosts = List.copyOf(hosts);
    }

    /** A VM's address reservation: the lab planned this address for the NIC with this MAC. */
    public record DhcpHost(String mac, String ip, String name) {}
}
