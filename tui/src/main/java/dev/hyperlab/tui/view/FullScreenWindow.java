package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import java.util.Set;

/**
 * A window that covers the terminal without a frame: the guest list, the images and compare views
 * and the pagers. Each is a top part, a centre that takes the rows the others leave, and a bottom
 * part.
 */
abstract class FullScreenWindow extends BasicWindow {

    FullScreenWindow(String title) {
        super(title);
        setHints(Set.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
    }

    /** Sets the window's three parts; top and bottom get the rows they ask for, the centre the rest. */
    final void setParts(Component top, Component centre, Component bottom) {
        Panel root = new Panel(new BorderLayout());
        root.addComponent(top, BorderLayout.Location.TOP);
        root.addComponent(centre, BorderLayout.Location.CENTER);
        root.addComponent(bottom, BorderLayout.Location.BOTTOM);
        setComponent(root);
    }

    /** Parts stacked top to bottom, each as tall as it asks and as wide as the window. */
    static Panel column(Component... parts) {
        Panel p = new Panel(new com.googlecode.lanterna.gui2.LinearLayout(com.googlecode.lanterna.gui2.Direction.VERTICAL)
                .setSpacing(0));
        for (Component c : parts) {
            p.addComponent(c, com.googlecode.lanterna.gui2.LinearLayout.createLayoutData(
                    com.googlecode.lanterna.gui2.LinearLayout.Alignment.Fill));
        }
        return p;
    }

    /** The terminal's columns; 80 while the window is not on a GUI yet. */
    int cols() {
        return getTextGUI() == null ? 80 : getTextGUI().getScreen().getTerminalSize().getColumns();
    }

    /** The terminal's rows; 24 while the window is not on a GUI yet. */
    int rows() {
        return getTextGUI() == null ? 24 : getTextGUI().getScreen().getTerminalSize().getRows();
    }

    /** The help ({@code ?}), sized to the terminal. */
    void showHelp() {
        getTextGUI().addWindow(new HelpWindow(cols(), rows()));
    }
}
