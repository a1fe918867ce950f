package dev.hyperlab.core.error;

/** Broad classes of failure; they pick the exit code and let tests assert the kind of error. */
public enum ErrorCode {
    /** The user's input (name, size, URI, file) is invalid; nothing was done. */
    BAD_INPUT,
    /** A named thing (guest, image, snapshot) does not exist. */
    NOT_FOUND,
    /** The thing exists already or is in use. */
    CONFLICT,
    /** A daemon (libvirtd, the container engine) cannot be reached. */
    UNAVAILABLE,
    /** The operation was tried and failed; whatever it had made was removed. */
    OPERATION_FAILED,
    /** A wait ran out of time. */
    TIMEOUT,
    /** The user (or a failure elsewhere in the same run) cancelled the operation; what it had made was removed. */
    CANCELLED
}
