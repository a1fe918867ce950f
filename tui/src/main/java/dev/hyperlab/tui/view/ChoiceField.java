package dev.hyperlab.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.AbstractInteractableComponent;
import com.googlecode.lanterna.gui2.InteractableRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;
import java.util.function.Function;

/**
 * One of a few values, shown as {@code < both >}; Left/Right change it (the wizard calls
 * {@link #next}/{@link #previous} from its key table). One row, so the form stays one field per
 * line and is driven the same way from a test or tmux as by hand.
 */
final class ChoiceField<T> extends AbstractInteractableComponent<ChoiceField<T>> {
    private final List<T> values;
    private final Function<T, String> label;
    private final int width;
    private int index;
    private Runnable onChange = () -> { };

    ChoiceField(List<T> values, Function<T, String> label) {
        this.values = List.copyOf(values);
        this.label = label;
        this.width = values.stream().mapToInt(v -> label.apply(v).length()).max().orElse(1) + 4;
    }

    T value() { return values.get(index); }

    ChoiceField<T> onChange(Runnable r) {
        onChange = r;
        return this;
    }

    /** Shows {@code v} when it is one of the choices (a default from config.yaml). */
    void select(T v) {
        int i = values.indexOf(v);
        if (i >= 0) {
            index = i;
            invalidate();
        }
    }

    void next() { move(1); }

    void previous() { move(-1); }

    private void move(int delta) {
        index = Math.floorMod(index + delta, values.size());
        invalidate();
        onChange.run();
    }

    @Override
    protected Result handleKeyStroke(KeyStroke keyStroke) {
        return super.handleKeyStroke(keyStroke); // arrows up/down and Tab move the focus, as in the text fields
    }

    @Override
    protected InteractableRenderer<ChoiceField<T>> createDefaultRenderer() {
        return new InteractableRenderer<>() {
            @Override public TerminalPosition getCursorLocation(ChoiceField<T> c) { return null; }

            @Override public TerminalSize getPreferredSize(ChoiceField<T> c) { return new TerminalSize(c.width, 1); }

            @Override
            public void drawComponent(TextGUIGraphics g, ChoiceField<T> c) {
                if (c.isFocused()) {
                    g.enableModifiers(SGR.REVERSE);
                }
                String text = "< " + c.label.apply(c.value()) + " >";
                g.putString(0, 0, text + " ".repeat(Math.max(0, c.width - text.length())));
            }
        };
    }
}
