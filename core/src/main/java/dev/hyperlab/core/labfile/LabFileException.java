package dev.hyperlab.core.labfile;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.util.List;

/**
 * A lab file that cannot be brought up as written. It carries every problem found, so a user fixes
 * them in one go, as a compiler reports all errors of a file rather than the first.
 */
public final class LabFileException extends HyperlabException {
    private static final long serialVersionUID = 1L;

    private final transient List<LabProblem> problems;

    public LabFileException(String file, List<LabProblem> problems) {
        super(ErrorCode.BAD_INPUT, message(file, problems), null);
        this.problems = List.copyOf(problems);
    }

    public List<LabProblem> problems() {
        return problems;
    }

    private static String message(String file, List<LabProblem> problems) {
        if (problems.size() == 1) {
            return "lab file " + file + " is invalid: " + problems.get(0).line();
        }
        StringBuilder b = new StringBuilder("lab file " + file + " is invalid (" + problems.size() + " problems):");
        for (LabProblem p : problems) {
            b.append("\n  ").append(p.line());
        }
        return b.toString();
    }
}
