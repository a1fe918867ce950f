package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import java.util.ArrayList;
import java.util.List;

/** Asks before something that cannot be undone; runs {@code onYes} only on an explicit yes. */
final class ConfirmWindow extends ModalWindow {
    private final Runnable onYes;

    ConfirmWindow(String title, String question, int screenColumns, Runnable onYes) {
        super(title, Context.CONFIRM);
        this.onYes = onYes;
        List<String> lines = new ArrayList<>(MessageWindow.wrap(question, Math.max(20, Math.min(70, screenColumns - 8))));
        lines.add("");
        lines.add("y: yes   n/Esc: no");
        LinesView text = new LinesView(0);
        text.setLines(lines);
        Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
        p.addComponent(text);
        setComponent(p);
    }

    @Override
    void onAction(Action action) {
        if (action == Action.CONFIRM_YES) {
            close();
            onYes.run();
        } else if (action == Action.CONFIRM_NO) {
            close();
        }
    }
}
