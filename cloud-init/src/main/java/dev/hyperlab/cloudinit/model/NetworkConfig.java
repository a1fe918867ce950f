package dev.hyperlab.cloudinit.model;

import java.util.List;
import java.util.Objects;

/**
 * The guest's network-config (version 2). {@link #fallback()} lets cloud-init pick its own default
 * (DHCP on the first NIC) and {@link #disabled()} tells it to leave the network alone (containers with
 * {@code --network none}).
 */
public record NetworkConfig(Kind kind, String interfaceName, List<String> addresses, String gateway4,
                            List<String> nameservers) {

    public enum Kind {
        /** No network-config: cloud-init's own fallback (DHCP on the first NIC). */
        FALLBACK,
        /** {@code config: disabled}: cloud-init does not touch the network. */
        DISABLED,
        DHCP,
        STATIC
    }

    public NetworkConfig {
        Objects.requireNonNull(kind, "kind");
        addresses = List.copyOf(addresses == null ? List.of() : addresses);
        nameservers = List.copyOf(nameservers == null ? List.of() : nameservers);
    }

    public static NetworkConfig fallback() { return new NetworkConfig(Kind.FALLBACK, null, null, null, null); }

    public static NetworkConfig disabled() { return new NetworkConfig(Kind.DISABLED, null, null, null, null); }

    /** DHCPv4 on the interface named {@code interfaceName} in the guest (e.g. {@code enp1s0}). */
    public static NetworkConfig dhcp(String interfaceName) {
        return new NetworkConfig(Kind.DHCP, interfaceName, null, null, null);
    }

    /**
     * @param addresses CIDR addresses such as {@code 192.0.2.10/24}
     * @param gateway4 default IPv4 gateway, or null for none
     */
    public static NetworkConfig staticAddresses(String interfaceName, List<String> addresses, String gateway4,
                                                List<String> nameservers) {
        return new NetworkConfig(Kind.STATIC, interfaceName, addresses, gateway4, nameservers);
    }
}
