package dev.hyperlab.core.labrun;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.files.PrivateFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lab forwarder's pid file, {@code LAB.forward.pid}: its PID on the first line, then one line per
 * forward it serves. Written by the forwarder itself once it listens on every port (temporary file,
 * 0600, moved over the old one), so a reader sees the old file or the new one, never half.
 */
final class ForwarderPidFiles {
    private final Path dir;

    ForwarderPidFiles(Path dir) { this.dir = dir; }

    Path file(String lab) { return dir.resolve(lab + ".forward.pid"); }

    /** What the file says, when it says something well-formed; whether that process is the forwarder is the caller's to check. */
    Optional<LabForwards.Running> read(String lab) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(lab), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.get(0).strip().matches("[1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        List<LabForwards.Forward> fw = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            LabForwards.Forward.parse(l).ifPresent(fw::add);
        }
        return Optional.of(new LabForwards.Running(Long.parseLong(lines.get(0).strip()), fw));
    }

    void write(String lab, long pid, List<LabForwards.Forward> forwards) {
        StringBuilder text = new StringBuilder().append(pid).append('\n');
        forwards.forEach(f -> text.append(f.line()).append('\n'));
        try {
            PrivateFile.write(file(lab), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing " + file(lab) + " failed: " + e.getMessage(),
                    "try checking permissions on " + dir, e);
        }
    }
}
