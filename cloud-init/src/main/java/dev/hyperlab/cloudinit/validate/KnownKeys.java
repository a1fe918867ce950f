package dev.hyperlab.cloudinit.validate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** The top-level keys cloud-init understands (from its own schema; see the resource file). */
final class KnownKeys {
    static final Set<String> TOP_LEVEL = load();

    private KnownKeys() {}

    private static Set<String> load() {
        Set<String> keys = new TreeSet<>();
        try (InputStream in = KnownKeys.class.getResourceAsStream("known-top-level-keys.txt")) {
            if (in == null) {
                throw new IllegalStateException("known-top-level-keys.txt missing from the jar");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(keys::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(keys);
    }
}
