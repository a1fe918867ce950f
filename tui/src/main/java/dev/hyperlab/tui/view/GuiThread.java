package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.TextGUI;
import java.util.logging.Logger;

/** Hands work from background threads to the one GUI thread; the only way they reach components. */
final class GuiThread {
    private static final Logger LOG = Logger.getLogger(GuiThread.class.getName());

    private GuiThread() {}

    static void later(TextGUI gui, Runnable r) {
        try {
            gui.getGUIThread().invokeLater(r);
        } catch (IllegalStateException e) {
            LOG.fine("GUI stopped; dropping an update"); // the user quit meanwhile
        }
    }

    /** A daemon thread: background work never keeps the JVM alive after the user quit. */
    static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
