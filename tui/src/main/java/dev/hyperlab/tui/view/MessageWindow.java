package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import java.util.ArrayList;
import java.util.List;

/** An error or a notice, word-wrapped; Enter or Esc closes it. */
final class MessageWindow extends ModalWindow {

    MessageWindow(String title, String message, int screenColumns, boolean error) {
        super(title, Context.DIALOG);
        int width = Math.max(20, Math.min(70, screenColumns - 8));
        List<String> lines = new ArrayList<>(wrap(message, width));
        lines.add("");
        lines.add("Enter/Esc: close");
        LinesView text = new LinesView(0);
        text.setLines(lines);
        if (error) {
            text.colors(TextColor.ANSI.RED, null, false);
        }
        Panel p = new Panel(new LinearLayout(Direction.VERTICAL));
        p.addComponent(text);
        setComponent(p);
    }

    @Override
    void onAction(Action action) {
        if (action == Action.CLOSE) {
            close();
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                while (word.length() > width) { // a long path or URI: break it hard
                    if (line.length() > 0) {
                        out.add(line.toString());
                        line.setLength(0);
                    }
                    out.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.add(line.toString());
        }
        return out;
    }
}
