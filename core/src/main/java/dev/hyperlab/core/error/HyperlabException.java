package dev.hyperlab.core.error;

/**
 * The one exception type core code throws for anything a user can act on.
 *
 * <p>The message follows the pattern "X failed: reason; try Y" (see {@link #hint()}), so the CLI can
 * print it as one line and the TUI in a dialog. {@link #isUsageError()} marks bad input, which the
 * CLI maps to exit code 2; everything else is a failure (exit code 1).
 */
public class HyperlabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String hint;

    public HyperlabException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    public HyperlabException(ErrorCode code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint;
    }

    public static HyperlabException badInput(String message, String hint) {
        return new HyperlabException(ErrorCode.BAD_INPUT, message, hint);
    }

    public ErrorCode code() { return code; }

    /** What the user can do about it, or null when there is nothing to suggest. */
    public String hint() { return hint; }

    public boolean isUsageError() { return code == ErrorCode.BAD_INPUT; }

    /** The one line the CLI prints: message, then the hint after "; try". */
    public String userMessage() {
        return hint == null || hint.isBlank() ? getMessage() : getMessage() + "; " + hint;
    }
}
