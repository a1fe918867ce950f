package dev.hyperlab.core.vm.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;

/**
 * The process-wide libvirt event loop: registered once, before any {@link Connect} is opened,
 * and run on one daemon thread. Also installs a no-op error callback: libvirt's default one
 * prints every error to stderr, which would tear the TUI (errors still arrive as exceptions).
 * Public for the TUI's listing adapter, so that one loop serves the whole process.
 */
public final class LibvirtEventLoop {
    /** Held in a field so JNA's callback is never garbage-collected while libvirt holds it. */
    private static final Libvirt.VirErrorCallback SILENT = new Libvirt.VirErrorCallback() {
        @Override public void errorCallback(Pointer userData, virError error) { }
    };
    private static boolean started;

    private LibvirtEventLoop() {}

    /** @throws IllegalStateException when libvirt's event loop cannot be registered */
    public static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        try {
            Connect.setErrorCallback(SILENT);
            Library.initEventLoop();
        } catch (LibvirtException e) {
            throw new IllegalStateException("libvirt event loop failed to start: " + e.getMessage(), e);
        }
        Thread t = new Thread(LibvirtEventLoop::run, "libvirt-event-loop");
        t.setDaemon(true);
        t.start();
        started = true;
    }

    static Libvirt.VirErrorCallback silentCallback() { return SILENT; }

    /** libvirt's default handler prints every error to stderr as well; hyperlab reports them itself, once. */
    static void silenceErrors() {
        try {
            Connect.setErrorCallback(SILENT);
        } catch (LibvirtException e) {
            // only the duplicate on stderr is lost
        }
    }

    private static void run() {
        while (true) {
            try {
                Library.runEventLoop();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (LibvirtException e) {
                // one failed iteration must not end event delivery for the whole process
            }
        }
    }
}
