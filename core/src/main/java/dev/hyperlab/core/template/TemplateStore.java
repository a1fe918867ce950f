package dev.hyperlab.core.template;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.files.PrivateJsonDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The template records under {@code DATA/templates/}, kept as {@link PrivateJsonDir} keeps them (a
 * record holds the template's definitions, no secrets, but nobody else needs to read it): read back,
 * listed and removed. A record that cannot be read is reported by name, never hides the others.
 */
public final class TemplateStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One file under the directory: a record, or why it could not be read. */
    public record Entry(String name, Optional<TemplateRecord> record, String problem) {}

    private final PrivateJsonDir files;

    public TemplateStore(Path dataDir) {
        this.files = new PrivateJsonDir(dataDir.resolve("templates"), JSON);
    }

    public Path dir() { return files.dir(); }

    public Optional<TemplateRecord> find(String name) {
        try {
            return files.read(name, TemplateRecord.class);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "template " + name + "'s record " + files.file(name)
                    + " cannot be read: " + firstLine(e.getMessage()), "try 'hyperlab vm template rm " + name + "'", e);
        }
    }

    public TemplateRecord require(String name) {
        return find(name).orElseThrow(() -> new HyperlabException(ErrorCode.NOT_FOUND, "no template named '" + name + "'",
                "try 'hyperlab vm template list', or 'hyperlab vm template create " + name + "'"));
    }

    public boolean exists(String name) { return files.exists(name); }

    /** A crash while saving leaves no record or a whole one. */
    public void save(TemplateRecord r) {
        try {
            files.write(r.name(), r);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing template " + r.name() + "'s record failed: "
                    + e.getMessage(), "try checking permissions on " + files.dir(), e);
        }
    }

    public void remove(String name) {
        try {
            files.remove(name);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "removing " + files.file(name) + " failed: "
                    + e.getMessage(), null, e);
        }
    }

    /** Every template file, readable or not, by name. */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        try {
            for (String name : files.names()) {
                try {
                    out.add(new Entry(name, find(name), ""));
                } catch (HyperlabException e) {
                    out.add(new Entry(name, Optional.empty(), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "listing " + files.dir() + " failed: " + e.getMessage(),
                    null, e);
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
