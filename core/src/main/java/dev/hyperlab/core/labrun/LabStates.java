package dev.hyperlab.core.labrun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.files.PrivateJsonDir;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The labs' state files under {@code DATA/labs/}: read, written atomically (0600), listed, removed. */
public final class LabStates {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrivateJsonDir files;

    public LabStates(java.nio.file.Path dataDir) {
        this.files = new PrivateJsonDir(dataDir.resolve("labs"), JSON);
    }

    public Optional<LabState> find(String lab) {
        try {
            return files.read(lab, LabState.class);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading " + files.file(lab) + " failed: "
                    + firstLine(e.getMessage()), "try 'hyperlab down --lab " + lab + "' after fixing or removing the file", e);
        }
    }

    /** A crash while saving leaves the old state or the new, never half. */
    public void save(LabState s) {
        try {
            files.write(s.lab(), s);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing the state of lab " + s.lab() + " failed: "
                    + e.getMessage(), "try checking permissions on " + files.dir(), e);
        }
    }

    public void remove(String lab) {
        try {
            files.remove(lab);
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "removing " + files.file(lab) + " failed: "
                    + e.getMessage(), null, e);
        }
    }

    /** Every lab with a state file, by name. */
    public List<LabState> all() {
        List<LabState> out = new ArrayList<>();
        try {
            for (String n : files.names()) {
                find(n).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "listing " + files.dir() + " failed: " + e.getMessage(),
                    null, e);
        }
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
