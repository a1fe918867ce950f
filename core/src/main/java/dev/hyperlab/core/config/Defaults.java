package dev.hyperlab.core.config;

/**
 * The built-in defaults, as constants so that picocli annotations (help, man pages) and
 * {@link ConfigKey} share them.
 */
public final class Defaults {
    public static final String IMAGE = "debian-12";
    public static final String CPUS = "2";
    public static final String MEMORY = "1G";
    public static final String NETWORK = "none";
    public static final String CONNECT = "qemu:///system";

    private Defaults() {}
}
