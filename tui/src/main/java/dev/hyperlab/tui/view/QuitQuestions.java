package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import java.util.List;
import java.util.function.Supplier;

/**
 * What quitting the main screen asks first: about other work it would cut short (a lab being
 * brought up), then about guests this session creates that have not reached "created" (the JVM
 * would stop between their steps and leave a volume or seed without a domain). Booting guests go
 * on alone.
 */
final class QuitQuestions {
    private QuitQuestions() {}

    /**
     * @param otherWork what quitting does to other work, one sentence each; empty asks nothing
     * @param creating  the guests still being created, read when the first question is answered
     */
    static void ask(WindowBasedTextGUI gui, int cols, List<String> otherWork, Supplier<List<String>> creating,
                    Runnable quit) {
        if (!otherWork.isEmpty()) {
            gui.addWindow(new ConfirmWindow("Quit", String.join("; ", otherWork) + ". Quit now?", cols,
                    () -> unlessCreating(gui, cols, creating.get(), quit)));
            return;
        }
        unlessCreating(gui, cols, creating.get(), quit);
    }

    private static void unlessCreating(WindowBasedTextGUI gui, int cols, List<String> creating, Runnable quit) {
        if (creating.isEmpty()) {
            quit.run();
            return;
        }
        gui.addWindow(new ConfirmWindow("Quit", String.join(", ", creating) + " is still being created. "
                + "Quit now and what it made so far stays behind for 'hyperlab gc'; or press n and quit once it is "
                + "created (its boot goes on without the TUI).", cols, quit));
    }
}
