package dev.hyperlab.tui.labs;

import dev.hyperlab.core.labfile.LabFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A lab file the labs view found: the lab it describes, or why it cannot be brought up as written.
 *
 * @param file    its absolute path
 * @param lab     the checked lab, when the file parses
 * @param problem the parser's message otherwise (every problem, one per line)
 */
public record LabFileEntry(Path file, Optional<LabFile> lab, Optional<String> problem) {
    public static LabFileEntry of(LabFile lab) {
        return new LabFileEntry(lab.source(), Optional.of(lab), Optional.empty());
    }

    public static LabFileEntry invalid(Path file, String problem) {
        return new LabFileEntry(file, Optional.empty(), Optional.of(problem));
    }
}
