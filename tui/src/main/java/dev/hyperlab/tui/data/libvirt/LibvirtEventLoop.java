package dev.hyperlab.tui.data.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * Process-wide libvirt setup, done once before the first {@link Connect}: the default event loop
 * on one daemon thread (events are only delivered while it runs) and a silent error callback
 * (libvirt's default prints to stderr, which would tear the TUI; errors still arrive as exceptions).
 */
final class LibvirtEventLoop {
    /** Held in a field: JNA callbacks are garbage-collected when nothing references them. */
    private static final Libvirt.VirErrorCallback SILENT = (Pointer userData, virError error) -> { };
    private static boolean started;

    private LibvirtEventLoop() {}

    static synchronized void ensureStarted() throws LibvirtException {
        if (started) {
            return;
        }
        Connect.setErrorCallback(SILENT);
        Library.initEventLoop();
        Thread t = new Thread(LibvirtEventLoop::run, "hyperlab-libvirt-events");
        t.setDaemon(true);
        t.start();
        started = true;
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (LibvirtException | InterruptedException e) {
            java.util.logging.Logger.getLogger(LibvirtEventLoop.class.getName())
                    .warning("libvirt event loop ended: " + e.getMessage());
        }
    }
}
