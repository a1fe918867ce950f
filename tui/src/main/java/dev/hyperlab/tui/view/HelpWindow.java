package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.ArrayList;
import java.util.List;

/** The '?' screen: the key table, grouped by where each key works; scrolls when the terminal is short. */
final class HelpWindow extends ModalWindow {
    private final LinesView text;
    private final int visible;

    HelpWindow(int screenColumns, int screenRows) {
        super("Keys", Context.HELP);
        List<String> lines = lines(Math.max(30, Math.min(76, screenColumns - 4)));
        visible = Math.max(3, Math.min(lines.size(), screenRows - 4));
        text = new LinesView(visible);
        text.setLines(lines);
        Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
        p.addComponent(text);
        setComponent(p);
    }

    static List<String> lines(int width) {
        List<String> out = new ArrayList<>();
        String current = null;
        for (String[] r : KeyMap.helpRows()) {
            if (!r[1].equals(current)) {
                if (current != null) {
                    out.add("");
                }
                current = r[1];
                out.add("-- " + current + " --");
            }
            out.add(Formats.fit(String.format("%-11s %s", r[0], r[2]), width));
        }
        return out;
    }

    @Override
    void onAction(Action action) {
        switch (action) {
            case CLOSE -> close();
            case MOVE_DOWN -> text.scroll(1, visible);
            case MOVE_UP -> text.scroll(-1, visible);
            case PAGE_DOWN -> text.scroll(visible - 1, visible);
            case PAGE_UP -> text.scroll(-(visible - 1), visible);
            default -> { }
        }
    }
}
