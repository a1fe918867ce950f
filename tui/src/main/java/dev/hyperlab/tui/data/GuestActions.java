package dev.hyperlab.tui.data;

/**
 * What the TUI can ask a backend to do to a guest. Calls block until the backend answered and
 * throw {@link dev.hyperlab.core.error.HyperlabException} with a message a user can act on.
 */
public interface GuestActions {
    void start(GuestKey key);

    /** Asks the guest to shut down (ACPI for VMs, SIGTERM for containers). */
    void stop(GuestKey key);

    /** Powers the guest off at once. */
    void destroy(GuestKey key);

    /** Deletes the guest's definition (a running guest is powered off first). */
    void remove(GuestKey key);
}
