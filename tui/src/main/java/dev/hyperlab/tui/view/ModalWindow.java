package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.Optional;
import java.util.Set;

/** A centred modal window whose keys come from the key table under one context. */
abstract class ModalWindow extends BasicWindow {
    private final Context context;

    ModalWindow(String title, Context context) {
        super(title);
        this.context = context;
        setHints(Set.of(Window.Hint.MODAL, Window.Hint.CENTERED));
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        Optional<Action> a = KeyMap.lookup(context, key);
        if (a.isPresent()) {
            onAction(a.get());
        }
        return true; // a modal swallows everything else
    }

    abstract void onAction(Action action);
}
