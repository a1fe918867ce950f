package dev.hyperlab.cli;

import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.HyperlabConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options take their defaults from config.yaml and the environment ({@link HyperlabConfig}); a flag
 * on the command line wins, as picocli applies it over any default. The file is read only when a
 * command has one of these options, so a broken file stops only commands that would use it, and
 * {@code hyperlab config} can always mend it. --help shows the effective default.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    /** Option -> key, for the commands that make guests (the sizes are a VM's; a container has no limits by default). */
    private static final Map<String, ConfigKey> CREATE = Map.of(
            "--image", ConfigKey.IMAGE, "--cpus", ConfigKey.CPUS, "--memory", ConfigKey.MEMORY,
            "--disk", ConfigKey.DISK, "--network", ConfigKey.NETWORK, "--user", ConfigKey.USER);
    private static final Map<String, Set<String>> CREATE_COMMANDS = Map.of(
            "hyperlab vm create", CREATE.keySet(),
            "hyperlab ct create", Set.of("--image"));

    private final HyperlabConfig.Locations locations;
    private HyperlabConfig config;

    ConfigDefaults(HyperlabConfig.Locations locations) {
        this.locations = locations;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o) || arg.command() == null) {
            return null;
        }
        return keyFor(arg.command().qualifiedName(), o.longestName()).flatMap(k -> config().get(k)).orElse(null);
    }

    static Optional<ConfigKey> keyFor(String command, String option) {
        // --connect has no default here: without it, --host or the hosts file's default picks the
        // host, and the built-in host 'local' reads connect from config.yaml (ConnectOption).
        Set<String> options = CREATE_COMMANDS.get(command);
        return options != null && options.contains(option) ? Optional.of(CREATE.get(option)) : Optional.empty();
    }

    private HyperlabConfig config() {
        if (config == null) {
            config = HyperlabConfig.load(locations);
        }
        return config;
    }
}
