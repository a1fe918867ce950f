package dev.hyperlab.tui.view;

import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Picks one entry of a short list (the image catalog); Enter takes the marked one, Esc none. */
final class ChoiceWindow extends ModalWindow {
    private final List<String> entries;
    private final IntConsumer onChoice;
    private final LinesView list;
    private final int width;
    private int selected;

    ChoiceWindow(String title, String intro, List<String> entries, int screenColumns, IntConsumer onChoice) {
        super(title, Context.CHOICE);
        this.entries = List.copyOf(entries);
        this.onChoice = onChoice;
        this.width = Math.max(20, Math.min(74, screenColumns - 6));
        list = new LinesView(entries.size());
        setBody(intro, width, list, "Up/Down: move   Enter: take it   Esc: cancel");
        render();
    }

    private void render() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            lines.add(Formats.fit((i == selected ? "> " : "  ") + entries.get(i), width));
        }
        list.setLines(lines);
    }

    @Override
    void onAction(Action action) {
        switch (action) {
            case MOVE_UP -> selected = Math.max(0, selected - 1);
            case MOVE_DOWN -> selected = Math.min(entries.size() - 1, selected + 1);
            case PROMPT_ACCEPT -> {
                close();
                onChoice.accept(selected);
                return;
            }
            case CLOSE -> {
                close();
                return;
            }
            default -> { }
        }
        render();
    }
}
