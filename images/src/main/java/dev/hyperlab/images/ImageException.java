package dev.hyperlab.images;

/**
 * What the images module throws for anything a user can act on. The message already follows the
 * project's pattern "X failed: reason; try Y", so callers print it as is; {@link #kind()} lets core
 * and the CLI map it to their own error codes (BAD_INPUT is a usage error, exit code 2).
 */
public class ImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Broad classes of failure, mirroring core's ErrorCode without depending on core. */
    public enum Kind { BAD_INPUT, NOT_FOUND, CONFLICT, UNAVAILABLE, FAILED }

    private final Kind kind;

    public ImageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ImageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static ImageException badInput(String message) {
        return new ImageException(Kind.BAD_INPUT, message);
    }

    public static ImageException failed(String message, Throwable cause) {
        return new ImageException(Kind.FAILED, message, cause);
    }

    public Kind kind() { return kind; }
}
