package dev.hyperlab.tui.data;

import java.util.List;
import java.util.function.Consumer;

/** Moving a VM to another libvirt host ({@code vm migrate}), for the TUI's migrate key. */
public interface VmMigrations {
    /** The hosts the VM {@code key} may go to: every host of the session but its own. */
    List<String> targets(GuestKey key);

    /**
     * Moves it to {@code target} with its disk copied: live when it runs, else stopped. Blocks; reports
     * each step to {@code step}; returns the one line that says how it went (time, data, downtime).
     */
    String migrate(GuestKey key, String target, Consumer<String> step);
}
