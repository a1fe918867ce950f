package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.Optional;
import java.util.function.Consumer;

/** Asks for one line of text (a path, a URL); Enter hands it on, Esc drops it. */
final class InputWindow extends ModalWindow {
    private final TextBox text;
    private final Consumer<String> onAccept;

    InputWindow(String title, String question, int screenColumns, Consumer<String> onAccept) {
        super(title, Context.INPUT);
        this.onAccept = onAccept;
        int width = Math.max(20, Math.min(70, screenColumns - 8));
        text = new TextBox(new TerminalSize(width, 1));
        setBody(question, width, text, "Enter: ok   Esc: cancel");
        setFocusedInteractable(text);
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        Optional<Action> a = KeyMap.lookup(Context.INPUT, key);
        if (a.isPresent()) {
            onAction(a.get());
            return true;
        }
        if (!WizardWindow.isControlCharacter(key)) { // Lanterna's text box would type Ctrl-U as a 'u'
            text.handleKeyStroke(key); // typing goes to the one text box; nothing else gets through the modal
        }
        return true;
    }

    @Override
    void onAction(Action action) {
        if (action == Action.PROMPT_ACCEPT) {
            String value = text.getText().trim();
            close();
            if (!value.isEmpty()) {
                onAccept.accept(value);
            }
        } else if (action == Action.PROMPT_CANCEL) {
            close();
        }
    }
}
