package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import java.util.function.Consumer;

/**
 * The main screen's one-line prompt: {@code /} filters the list as the user types, {@code :} takes a
 * command. Hidden while closed. GUI thread only.
 */
final class PromptLine extends Panel {
    private final Label label = new Label("/");
    private final TextBox text = new TextBox(new TerminalSize(40, 1));
    private char kind;

    /** @param typedFilter called with the text at each keystroke while a {@code /} prompt is open */
    PromptLine(Consumer<String> typedFilter) {
        super(new BorderLayout());
        text.setTextChangeListener((t, byUser) -> {
            if (byUser && kind == '/') {
                typedFilter.accept(t);
            }
        });
        addComponent(label, BorderLayout.Location.LEFT);
        addComponent(text, BorderLayout.Location.CENTER);
        setVisible(false);
    }

    /** Shows the prompt {@code kind} ('/' or ':') holding {@code initial}; returns the box to focus. */
    TextBox open(char promptKind, String initial) {
        kind = promptKind;
        label.setText(String.valueOf(promptKind));
        text.setText(initial);
        text.setCaretPosition(initial.length());
        setVisible(true);
        return text;
    }

    void close() { setVisible(false); }

    char kind() { return kind; }

    String text() { return text.getText().trim(); }

    /** The footer's hints while the prompt is open. */
    String hints() {
        return kind == '/' ? "type to filter  Enter:keep  Esc:clear"
                : "Enter:run  Esc:cancel  (" + ListCommands.SUMMARY + ")";
    }
}
