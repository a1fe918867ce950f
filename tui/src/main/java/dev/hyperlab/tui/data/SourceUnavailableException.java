package dev.hyperlab.tui.data;

/** The backend (libvirtd, the container engine) does not answer; the TUI shows a banner and retries. */
public final class SourceUnavailableException extends RuntimeException {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
