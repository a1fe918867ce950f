package dev.hyperlab.core.template;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The template records under {@code DATA/templates/}: written atomically with tight permissions (a
 * record holds the template's definitions, no secrets, but nobody else needs to read it), read back,
 * listed and removed. A record that cannot be read is reported by name, never hides the others.
 */
public final class TemplateStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One file under the directory: a record, or why it could not be read. */
    public record Entry(String name, Optional<TemplateRecord> record, String problem) {}

    private final Path dir;

    public TemplateStore(Path dataDir) {
        this.dir = dataDir.resolve("templates");
    }

    public Path dir() { return dir; }

    public Optional<TemplateRecord> find(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), TemplateRecord.class));
        } catch (IOException | RuntimeException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "template " + name + "'s record " + f
                    + " cannot be read: " + firstLine(e.getMessage()), "try 'hyperlab vm template rm " + name + "'", e);
        }
    }

    public TemplateRecord require(String name) {
        return find(name).orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND, "no template named '" + name + "'",
                "try 'hyperlab vm template list', or 'hyperlab vm template create " + name + "'"));
    }

    public boolean exists(String name) { return Files.exists(file(name)); }

    /** Written to a temporary file and moved into place: a crash leaves no record or a whole one. */
    public void save(TemplateRecord r) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(dir, "." + r.name(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                JSON.writeValue(tmp.toFile(), r);
                try {
                    Files.move(tmp, file(r.name()), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file(r.name()));
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing template " + r.name() + "'s record failed: "
                    + e.getMessage(), "try checking permissions on " + dir, e);
        }
    }

    public void remove(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "removing " + file(name) + " failed: " + e.getMessage(),
                    null, e);
        }
    }

    /** Every template file, readable or not, by name. */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".json") && !n.startsWith(".")) {
                    String name = n.substring(0, n.length() - ".json".length());
                    try {
                        out.add(new Entry(name, find(name), ""));
                    } catch (HyperlabException e) {
                        out.add(new Entry(name, Optional.empty(), e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "listing " + dir + " failed: " + e.getMessage(), null, e);
        }
        return out;
    }

    private Path file(String name) { return dir.resolve(name + ".json"); }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
