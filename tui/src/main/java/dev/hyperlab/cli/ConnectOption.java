package dev.hyperlab.cli;

import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.HyperlabConfig;
import picocli.CommandLine.Option;

/** {@code --connect URI}, shared by every command that talks to libvirt. */
final class ConnectOption {
    static final String DEFAULT_URI = dev.hyperlab.core.config.Defaults.CONNECT;

    @Option(names = {"-c", "--connect"}, paramLabel = "URI", defaultValue = DEFAULT_URI,
            description = "libvirt URI (default: ${DEFAULT-VALUE}; set it with $LIBVIRT_DEFAULT_URI or connect in "
                    + "config.yaml); test:///default needs no daemon.")
    String uri;

    String uri() {
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        // Not from picocli (a ConnectOption made in code): the environment, config.yaml, built-in.
        return HyperlabConfig.load().get(ConfigKey.CONNECT).orElse(DEFAULT_URI);
    }

    /** The services of this command, built in the one place that builds them. */
    Wiring wiring() {
        return Wiring.fromEnvironment(uri());
    }
}
