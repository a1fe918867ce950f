package dev.hyperlab.cli;

import dev.hyperlab.core.config.ConfigFile;
import dev.hyperlab.core.config.ConfigKey;
import dev.hyperlab.core.config.ConfigValue;
import dev.hyperlab.core.config.HyperlabConfig;
import dev.hyperlab.core.error.HyperlabException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hyperlab config get|set|unset|list}: the defaults of config.yaml, as {@code git config} shows its own. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show and change defaults: $XDG_CONFIG_HOME/hyperlab/config.yaml (~/.config/hyperlab/), "
                + "over /etc/hyperlab/config.yaml.",
                "Precedence: flags, then environment (HYPERLAB_<KEY>, LIBVIRT_DEFAULT_URI, CONTAINER_HOST), "
                + "then the user file, then the system file, then built-in.",
                "Keys: image, cpus, memory, disk, network, user, ssh-keys, connect, engine."},
        subcommands = {ConfigCommand.Get.class, ConfigCommand.Set.class, ConfigCommand.Unset.class, ConfigCommand.ListKeys.class})
final class ConfigCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    static HyperlabConfig.Locations locations(CommandLine.Model.CommandSpec spec) {
        return ((HyperlabCommand) spec.root().userObject()).locations;
    }

    static ConfigKey key(String name) {
        return ConfigKey.of(name).orElseThrow(() -> HyperlabException.badInput("config failed: unknown key '" + name + "'",
                "allowed keys: " + ConfigKey.names()));
    }

    /** The key names, for completion and the help. */
    static final class KeyNames implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(ConfigKey.values()).map(ConfigKey::key).iterator();
        }
    }

    static String line(ConfigValue v, boolean origin) {
        return (origin ? v.origin() + "\t" : "") + v.key().key() + "=" + v.value();
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Print the effective value of KEY.", "Exit code 1 when nothing sets it and it has no built-in value."})
    static final class Get implements Callable<Integer> {
        @Parameters(paramLabel = "KEY", completionCandidates = KeyNames.class) String name;
        @Option(names = "--origin", description = "Also say where it came from: file:PATH:LINE, env:VAR or built-in.") boolean origin;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            ConfigKey k = key(name);
            Optional<ConfigValue> v = HyperlabConfig.load(locations(spec)).lookup(k);
            if (v.isEmpty()) {
                return Cli.FAILURE;
            }
            spec.commandLine().getOut().println(origin ? v.get().origin() + "\t" + v.get().value() : v.get().value());
            return Cli.OK;
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "Print every key that has a value, as KEY=VALUE.")
    static final class ListKeys implements Callable<Integer> {
        @Option(names = "--origin", description = "Prefix each line with where it came from: file:PATH:LINE, env:VAR or built-in.")
        boolean origin;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            HyperlabConfig.load(locations(spec)).list().forEach(v -> out.println(line(v, origin)));
            return Cli.OK;
        }
    }

    /** --system: the file under /etc instead of the user's own. */
    static final class Scope {
        @Option(names = "--system", description = "Change /etc/hyperlab/config.yaml (for every user; needs root) "
                + "instead of your own file.") boolean system;

        Path file(CommandLine.Model.CommandSpec spec) {
            HyperlabConfig.Locations at = locations(spec);
            return system ? at.systemFile() : at.userFile();
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set KEY in your config file (checked first: a bad key or value writes nothing).",
                    "ssh-keys takes several files: config set ssh-keys ~/.ssh/a.pub ~/.ssh/b.pub"})
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY", completionCandidates = KeyNames.class) String name;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "VALUE") List<String> values;
        @CommandLine.Mixin Scope scope;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            ConfigKey k = key(name);
            if (values.size() > 1 && !k.isList()) {
                throw HyperlabException.badInput("config set failed: " + k.key() + " takes one value, got " + values.size(),
                        "allowed: " + k.allowed());
            }
            Path file = scope.file(spec);
            ConfigFile.forEditing(file).with(k, String.join(",", values)).save();
            return Cli.OK;
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove KEY from your config file.")
    static final class Unset implements Callable<Integer> {
        @Parameters(paramLabel = "KEY", completionCandidates = KeyNames.class) String name;
        @CommandLine.Mixin Scope scope;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            ConfigFile f = ConfigFile.forEditing(scope.file(spec));
            if (!f.mentions(name)) {
                key(name); // an unknown key that is not in the file either: say which keys exist
                spec.commandLine().getErr().println(name + " is not set in " + f.path());
                return Cli.OK;
            }
            f.without(name).save();
            return Cli.OK;
        }
    }
}
