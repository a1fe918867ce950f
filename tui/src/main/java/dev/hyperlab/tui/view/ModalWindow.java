package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.List;
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

    /** The dialog's look: the question wrapped to {@code width}, the control that answers it, and the keys' hint. */
    final void setBody(String question, int width, Component control, String keysHint) {
        LinesView head = new LinesView(0);
        head.setLines(MessageWindow.wrap(question, width));
        LinesView hint = new LinesView(0);
        hint.setLines(List.of(keysHint));
        Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
        p.addComponent(head);
        p.addComponent(control);
        p.addComponent(hint);
        setComponent(p);
    }
}
