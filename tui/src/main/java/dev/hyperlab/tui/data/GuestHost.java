package dev.hyperlab.tui.data;

import java.util.Optional;

/**
 * Which libvirt host a row's VM is on, when the TUI shows several. The host the session was started
 * for keeps plain names; another host's VMs are listed as {@code HOST:NAME}. A colon is in no guest
 * name (names are DNS labels), so the split is never ambiguous, and keys stay unique when two hosts
 * both have a {@code web}.
 */
public final class GuestHost {
    public static final char SEPARATOR = ':';

    private GuestHost() {}

    public static String qualify(String host, String name) {
        return host + SEPARATOR + name;
    }

    /** The host part of a listed name; empty for the session's own host. */
    public static Optional<String> hostOf(String listedName) {
        int i = listedName.indexOf(SEPARATOR);
        return i < 0 ? Optional.empty() : Optional.of(listedName.substring(0, i));
    }

    /** The guest's own name, without its host. */
    public static String nameOf(String listedName) {
        int i = listedName.indexOf(SEPARATOR);
        return i < 0 ? listedName : listedName.substring(i + 1);
    }
}
