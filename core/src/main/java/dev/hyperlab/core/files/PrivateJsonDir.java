package dev.hyperlab.core.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory of JSON records, one file per name ({@code NAME.json}): the directory 0700 and the files
 * 0600 (they name the user's guests and hosts), each written to a temporary file and moved into place,
 * so a crash leaves the old record or the new one, never half. Lab states and templates are kept so.
 * Callers turn the {@link IOException}s into errors that say which record and what to do.
 */
public final class PrivateJsonDir {
    private final Path dir;
    private final ObjectMapper json;

    public PrivateJsonDir(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    public Path dir() { return dir; }

    public Path file(String name) { return dir.resolve(name + ".json"); }

    public boolean exists(String name) { return Files.exists(file(name)); }

    /** The record, or empty when there is no file of that name; an unreadable file throws. */
    public <T> Optional<T> read(String name, Class<T> type) throws IOException {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(f.toFile(), type));
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e); // Jackson's unchecked wrappers: still a bad file
        }
    }

    public synchronized void write(String name, Object value) throws IOException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(value);
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e); // Jackson's unchecked wrappers
        }
        PrivateFile.write(file(name), bytes);
    }

    public void remove(String name) throws IOException {
        Files.deleteIfExists(file(name));
    }

    /** The names of every record, sorted; temporary files are not records. */
    public List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".json") && !n.startsWith(".")) {
                    out.add(n.substring(0, n.length() - ".json".length()));
                }
            }
        }
        return out;
    }
}
