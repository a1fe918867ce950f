package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.TextGUI;
import dev.hyperlab.core.error.HyperlabException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs guest actions off the GUI thread, one at a time, and reports the outcome back on it. */
final class BackgroundActions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackgroundActions.class.getName());
    private final ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hyperlab-actions");
        t.setDaemon(true);
        return t;
    });
    private final TextGUI gui;

    BackgroundActions(TextGUI gui) { this.gui = gui; }

    void run(String what, Runnable op, Runnable onDone, Consumer<String> onError) {
        exec.execute(() -> {
            try {
                op.run();
                later(onDone);
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, what + " failed", e);
                String msg = e instanceof HyperlabException he ? he.userMessage()
                        : what + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                later(() -> onError.accept(msg));
            }
        });
    }

    private void later(Runnable r) {
        try {
            gui.getGUIThread().invokeLater(r);
        } catch (IllegalStateException e) {
            LOG.fine("GUI closed before an action finished"); // the user quit meanwhile
        }
    }

    @Override public void close() { exec.shutdownNow(); }
}
