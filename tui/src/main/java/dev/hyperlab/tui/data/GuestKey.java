package dev.hyperlab.tui.data;

import dev.hyperlab.core.model.GuestKind;

/** Identifies a guest across refreshes: a VM and a container may share a name. */
public record GuestKey(GuestKind kind, String name) {
    @Override public String toString() { return kind.shortName() + "/" + name; }
}
