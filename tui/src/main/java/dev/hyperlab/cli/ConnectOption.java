package dev.hyperlab.cli;

import dev.hyperlab.core.lab.Wiring;
import picocli.CommandLine.Option;

/** {@code --connect URI}, shared by every command that talks to libvirt. */
final class ConnectOption {
    static final String DEFAULT_URI = Wiring.DEFAULT_LIBVIRT_URI;

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

    /** The services of this command, built in the one place that builds them. */
    Wiring wiring() {
        return Wiring.fromEnvironment(uri());
    }
}
