package dev.hyperlab.core.labrun;

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

/** The labs' state files under {@code DATA/labs/}: read, written atomically (0600), listed, removed. */
public final class LabStates {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public LabStates(Path dataDir) {
        this.dir = dataDir.resolve("labs");
    }

    public Optional<LabState> find(String lab) {
        Path f = file(lab);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), LabState.class));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading " + f + " failed: " + firstLine(e.getMessage()),
                    "try 'hyperlab down --lab " + lab + "' after fixing or removing the file", e);
        }
    }

    /** Written to a temporary file and moved over the old one: a crash leaves the old or the new, never half. */
    public synchronized void save(LabState s) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + s.lab(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(tmp.toFile(), s);
            try {
                Files.move(tmp, file(s.lab()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(s.lab()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing the state of lab " + s.lab() + " failed: "
                    + e.getMessage(), "try checking permissions on " + dir, e);
        }
    }

    public void remove(String lab) {
        try {
            Files.deleteIfExists(file(lab));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "removing " + file(lab) + " failed: " + e.getMessage(),
                    null, e);
        }
    }

    /** Every lab with a state file, by name. */
    public List<LabState> all() {
        List<LabState> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".json") && !n.startsWith(".")) {
                    find(n.substring(0, n.length() - ".json".length())).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "listing " + dir + " failed: " + e.getMessage(), null, e);
        }
        return out;
    }

    private Path file(String lab) {
        return dir.resolve(lab + ".json");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
