package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.BorderLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.List;
import java.util.Set;

/**
 * A full-screen text pane over the list: a title row, the output, and a footer with the keys
 * (from the key table) and a status. The VM console and the log / output views are pagers.
 */
abstract class PagerWindow extends BasicWindow {
    static final int SCROLLBACK = 5000;

    final TermBuffer buffer = new TermBuffer(SCROLLBACK);
    final TermView view = new TermView(buffer);
    private final LinesView titleRow = new LinesView(1).colors(TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, false);
    private final LinesView footer = new LinesView(1).colors(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE, false);
    private final Context context;
    private String status = "";

    PagerWindow(String title, Context context) {
        super(title);
        this.context = context;
        setHints(Set.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS));
        titleRow.setLines(List.of(title));
        Panel root = new Panel(new BorderLayout());
        root.addComponent(titleRow, BorderLayout.Location.TOP);
        root.addComponent(view, BorderLayout.Location.CENTER);
        root.addComponent(footer, BorderLayout.Location.BOTTOM);
        setComponent(root);
        renderFooter();
    }

    void setStatus(String text) {
        status = text;
        renderFooter();
    }

    void renderFooter() {
        footer.setLines(List.of(KeyMap.footer(context)));
        String where = view.following() ? "" : "  " + view.position();
        footer.setRight(" " + status + where + " ");
    }

    /** The scroll keys every pager shares; true when {@code a} was one. */
    boolean scrollAction(Action a) {
        switch (a) {
            case MOVE_UP -> view.scroll(-1);
            case MOVE_DOWN -> view.scroll(1);
            case PAGE_UP -> view.page(-1);
            case PAGE_DOWN -> view.page(1);
            case MOVE_TOP -> view.toTop();
            case MOVE_BOTTOM -> view.toBottom();
            default -> {
                return false;
            }
        }
        renderFooter();
        return true;
    }
}
