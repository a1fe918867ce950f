package dev.hyperlab.cli;

import picocli.CommandLine.Option;

/** {@code --connect URI}, shared by every command that talks to libvirt. */
final class ConnectOption {
    static final String DEFAULT_URI = "qemu:///system";

    @Option(names = {"-c", "--connect"}, paramLabel = "URI",
            description = "libvirt URI (default: $LIBVIRT_DEFAULT_URI, else " + DEFAULT_URI
                    + "); test:///default needs no daemon.")
    String uri;

    String uri() {
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        String env = System.getenv("LIBVIRT_DEFAULT_URI");
        return env == null || env.isBlank() ? DEFAULT_URI : env;
    }
}
