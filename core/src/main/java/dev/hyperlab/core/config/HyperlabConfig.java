package dev.hyperlab.core.config;

import dev.hyperlab.images.store.DataDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration: for each {@link ConfigKey}, the first of the environment, the user's
 * file ({@code $XDG_CONFIG_HOME/hyperlab/config.yaml}, default {@code ~/.config/hyperlab/}), the
 * system file ({@code /etc/hyperlab/config.yaml}) and the built-in value. Command-line flags win
 * over all of these; picocli applies them. The hosts file of the several-hosts work lives in
 * {@link Locations#userDir()} beside config.yaml.
 */
public final class HyperlabConfig {
    public static final String FILE_NAME = "config.yaml";
    public static final Path SYSTEM_FILE = Path.of("/etc/hyperlab", FILE_NAME);

    /** Where the files are and what the environment says; tests pass their own. */
    public record Locations(Map<String, String> env, Path userFile, Path systemFile) {
        public static Locations current() {
            Map<String, String> env = System.getenv();
            return new Locations(env, userDir(env, System.getProperty("user.home")).resolve(FILE_NAME), SYSTEM_FILE);
        }

        /** {@code $XDG_CONFIG_HOME/hyperlab}, else {@code ~/.config/hyperlab}. */
        public static Path userDir(Map<String, String> env, String home) {
            return DataDir.xdg(env, "XDG_CONFIG_HOME", Path.of(home), ".config");
        }

        public Path userDir() { return userFile.getParent(); }
    }

    private final Locations at;
    private final ConfigFile user;
    private final ConfigFile system;

    private HyperlabConfig(Locations at, ConfigFile user, ConfigFile system) {
        this.at = at;
        this.user = user;
        this.system = system;
    }

    /** Reads both files; a bad line in either is refused with its file and line. */
    public static HyperlabConfig load(Locations at) {
        return new HyperlabConfig(at, ConfigFile.read(at.userFile()), ConfigFile.read(at.systemFile()));
    }

    public static HyperlabConfig load() {
        return load(Locations.current());
    }

    public Locations locations() { return at; }

    /** The effective value of {@code key} with its origin; empty when nothing sets it and it has no built-in value. */
    public Optional<ConfigValue> lookup(ConfigKey key) {
        for (String var : key.envVars()) {
            String v = at.env().get(var);
            if (v != null && !v.isBlank()) {
                return Optional.of(new ConfigValue(key, v.strip(), ConfigOrigin.env(var)));
            }
        }
        Optional<ConfigValue> fromFile = fromFile(user, ConfigOrigin.Kind.USER_FILE, key);
        if (fromFile.isPresent()) {
            return fromFile;
        }
        fromFile = fromFile(system, ConfigOrigin.Kind.SYSTEM_FILE, key);
        if (fromFile.isPresent()) {
            return fromFile;
        }
        return key.builtIn().map(v -> new ConfigValue(key, v, ConfigOrigin.builtIn()));
    }

    public Optional<String> get(ConfigKey key) {
        return lookup(key).map(ConfigValue::value);
    }

    /** Every key that has a value, in the order of {@link ConfigKey}. */
    public List<ConfigValue> list() {
        List<ConfigValue> out = new ArrayList<>();
        for (ConfigKey k : ConfigKey.values()) {
            lookup(k).ifPresent(out::add);
        }
        return out;
    }

    public ConfigFile userFile() { return user; }

    public ConfigFile systemFile() { return system; }

    private static Optional<ConfigValue> fromFile(ConfigFile f, ConfigOrigin.Kind kind, ConfigKey key) {
        return f.get(key).map(e -> new ConfigValue(key, e.value(), new ConfigOrigin(kind, f.path().toString(), e.line())));
    }
}
