package dev.hyperlab.core.config;

import java.util.Arrays;
import java.util.List;

/** One key's effective value and where it came from. */
public record ConfigValue(ConfigKey key, String value, ConfigOrigin origin) {

    /** A list value (ssh-keys) as its items; a file holds it as a YAML list or comma separated. */
    public List<String> items() {
        return split(value);
    }

    static List<String> split(String v) {
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
