package dev.hyperlab.cli.complete;

import dev.hyperlab.core.files.WholeFile;
import dev.hyperlab.images.store.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names the last live look-up found, one small file per kind (and per VM for snapshots) under
 * {@code $XDG_CACHE_HOME/hyperlab/complete}. A TAB reads it instead of starting a libvirt or engine
 * connection. Every hyperlab command that may change something empties it and has it filled again
 * in the background; a TAB that finds a file older than {@link #MAX_AGE} still answers from it and
 * has it refreshed in the background, so changes made with virsh or podman show on the next TAB.
 */
final class NameCache {
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final Path dir;

    NameCache(Path dir) { this.dir = dir; }

    static NameCache forUser() {
        return new NameCache(dir(System.getenv(), System.getProperty("user.home")));
    }

    static Path dir(Map<String, String> env, String home) {
        return DataDir.xdg(env, "XDG_CACHE_HOME", Path.of(home), ".cache").resolve("complete");
    }

    /** What a cache file held, and whether it is older than {@link #MAX_AGE}. */
    record Cached(List<String> names, boolean stale) {}

    /** The cached names, when the file is there and for the same {@code scope} (libvirt URI, engine, data dir). */
    Optional<Cached> read(String file, String scope, Instant now) {
        Path p = dir.resolve(file);
        try {
            boolean stale = Files.getLastModifiedTime(p).toInstant().plus(MAX_AGE).isBefore(now);
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals("# " + scope)) {
                return Optional.empty();
            }
            return Optional.of(new Cached(lines.subList(1, lines.size()), stale));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(String file, String scope, List<String> names) {
        try {
            StringBuilder text = new StringBuilder("# ").append(scope).append('\n');
            names.forEach(n -> text.append(n).append('\n'));
            WholeFile.write(dir.resolve(file), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A cache that cannot be written costs only speed.
        }
    }

    /** Marks a file fresh again, so that one refresh runs for it, not one per TAB. */
    void touch(String file, Instant now) {
        try {
            Files.setLastModifiedTime(dir.resolve(file), java.nio.file.attribute.FileTime.from(now));
        } catch (IOException e) {
            // then another TAB starts a refresh too
        }
    }

    /** Forgets every cached name: called after each command that may have created or removed something. */
    void clear() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // stale names for at most MAX_AGE
        }
    }
}
