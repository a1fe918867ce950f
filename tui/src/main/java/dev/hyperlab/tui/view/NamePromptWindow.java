package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Asks for one name ("Snapshot name:"); Enter takes it, Esc cancels. The service checks it. */
final class NamePromptWindow extends BasicWindow {
    private final TextBox text = new TextBox(new TerminalSize(32, 1));
    private final Consumer<String> onName;

    NamePromptWindow(String title, String label, Consumer<String> onName) {
        super(title);
        this.onName = onName;
        setHints(Set.of(Window.Hint.MODAL, Window.Hint.CENTERED));
        Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
        Panel row = new Panel(new LinearLayout(Direction.HORIZONTAL));
        row.addComponent(new Label(label));
        row.addComponent(text);
        p.addComponent(row);
        p.addComponent(new Label("Enter: take it   Esc: cancel"));
        setComponent(p);
        setFocusedInteractable(text);
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        Optional<Action> a = KeyMap.lookup(Context.NAME, key);
        if (a.isPresent()) {
            close();
            if (a.get() == Action.PROMPT_ACCEPT) {
                onName.accept(text.getText().trim());
            }
            return true;
        }
        if (WizardWindow.isControlCharacter(key)) {
            return true; // the text box would type the plain letter
        }
        return super.handleInput(key);
    }
}
