package dev.hyperlab.core.model;

import java.util.Optional;

/**
 * What told the host a guest was ready, in the order hyperlab trusts them: hyperlab's marker (or
 * cloud-init's "finished" line) on the serial console; the guest agent running
 * {@code cloud-init status --wait} to its end; an SSH banner on the guest's forwarded port, for a
 * guest that offers neither.
 */
public enum ReadySignal {
    SERIAL_MARKER("serial-marker", "the readiness marker on the serial console"),
    GUEST_AGENT("guest-agent", "cloud-init status --wait through the guest agent"),
    SSH_BANNER("ssh-banner", "an SSH banner on the forwarded port"),
    CLONE_IDENTITY("clone-identity", "the instant clone's identity step, which ends with the readiness marker, through the guest agent");

    private final String id;
    private final String description;

    ReadySignal(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Short and stable: stored in a domain's metadata. */
    public String id() { return id; }

    public String description() { return description; }

    public static Optional<ReadySignal> fromId(String id) {
        for (ReadySignal s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
