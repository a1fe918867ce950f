package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestKind;

/** Identifies a guest across refreshes: a VM and a container may share a name. */
public record GuestKey(GuestKind kind, String name) {
    /** A lab guest's key from its kind as a lab file writes it: {@code vm} is a VM; {@code system} and {@code app} are containers. */
    public static GuestKey ofLabGuest(String labKind, String name) {
        return new GuestKey(labKind.equals("vm") ? GuestKind.VM : GuestKind.CONTAINER, name);
    }

    @Override public String toString() { return kind.shortName() + "/" + name; }
}
