package dev.hyperlab.tui.data;

import dev.hyperlab.core.vm.ConsoleStream;

/**
 * A guest's console output for one kind: a VM's serial console (interactive) and its log file, a
 * container's output stream (read-only: writes are dropped) and its logs. Calls block.
 */
public interface GuestConsoles {
    /** Opens the live console; close it to detach (the guest keeps running). */
    ConsoleStream open(String name);

    /** The end of the console log, at most about {@code maxBytes}, as raw text (escape sequences and all). */
    String log(String name, int maxBytes);

    /** Whether keys typed into {@link #open}'s stream reach the guest. */
    boolean interactive();
}
