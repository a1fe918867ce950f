package dev.hyperlab.cloudinit;

import java.util.List;

/**
 * The one unchecked exception of the cloud-init module. Its message already says what to change
 * ("X failed: reason; try Y"), so callers can show it as is. {@link #isBadInput()} separates input the
 * user must fix (nothing was written) from an I/O failure (whatever was half-written was removed).
 */
public class CloudInitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean badInput;
    private final List<String> problems;

    private CloudInitException(boolean badInput, String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.badInput = badInput;
        this.problems = List.copyOf(problems);
    }

    /** Input the user must change; {@code message} contains the hint. */
    public static CloudInitException badInput(String message) {
        return new CloudInitException(true, message, List.of(message), null);
    }

    /** Several input problems reported at once, one per line, so the user fixes them in one go. */
    public static CloudInitException badInput(List<String> problems) {
        String message = problems.size() == 1
                ? problems.get(0)
                : "cloud-init config is invalid (" + problems.size() + " problems):\n  - "
                        + String.join("\n  - ", problems);
        return new CloudInitException(true, message, problems, null);
    }

    /** Writing a seed failed for a reason outside the input (disk full, permissions). */
    public static CloudInitException ioFailure(String message, Throwable cause) {
        return new CloudInitException(false, message, List.of(message), cause);
    }

    public boolean isBadInput() { return badInput; }

    /** Each problem on its own, for tests and for UIs that list them. */
    public List<String> problems() { return problems; }
}
