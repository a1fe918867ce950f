package dev.hyperlab.core.config;

/**
 * The built-in defaults, as constants so that picocli annotations (help, man pages) and
 * {@link ConfigKey} share them.
 */
public final class Defaults {
    public static final String IMAGE = "debian-12";
    public static final String CPUS = "2";
    public static final String MEMORY = "1G";
    /**
     * A new VM's network: QEMU user-mode NAT with SSH on a loopback port, so {@code hyperlab ssh}
     * works out of the box (as Lima does). The test suite runs with HYPERLAB_NETWORK=none
     * (scripts/test.sh): tests send no traffic off the host.
     */
    public static final String NETWORK = "nat";
    /** A new container's network: none, unless a lab or the user names one. */
    public static final String CONTAINER_NETWORK = "none";
    public static final String CONNECT = "qemu:///system";

    private Defaults() {}
}
