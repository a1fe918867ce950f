package dev.hyperlab.tui.data;

import java.util.List;

/**
 * What the TUI reads about guests. A narrow port the TUI owns, implemented over the {@code core}
 * ports ({@link dev.hyperlab.tui.data.lab.VmGuestSource}, {@link dev.hyperlab.tui.data.lab.ContainerGuestSource}).
 * Implementations are thread-safe; calls may block.
 */
public interface GuestSource extends AutoCloseable {

    /** Lists every guest with its counters. @throws SourceUnavailableException when the backend is gone */
    Fetch fetch();

    /** Label/value lines about one guest for the detail pane. */
    List<Field> details(GuestKey key);

    /**
     * Calls {@code onChange} (on a background thread, never blocking) whenever a guest appears,
     * disappears or changes state. Returns a handle that stops the calls.
     */
    AutoCloseable subscribe(Runnable onChange);

    /** Where the guests come from, e.g. the libvirt URI, for the header and error messages. */
    String describe();

    @Override void close();

    /** One line of the detail pane. */
    record Field(String label, String value) {}
}
