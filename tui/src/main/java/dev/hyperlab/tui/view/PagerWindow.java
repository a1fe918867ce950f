package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.TextGUI;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A full-screen text pane over the list: a title row, the output, and a footer with the keys
 * (from the key table) and a status. The VM console (a terminal: {@link VtView}) and the log / output
 * views (wrapped text: {@link TermView}) are pagers; what
 * they show is loaded once or followed from a stream through a {@link StreamPump}.
 */
abstract class PagerWindow extends FullScreenWindow implements StreamPump.Sink {
    static final int SCROLLBACK = 5000;

    final ScrollPane view;
    private final LinesView titleRow = new LinesView(1).colors(TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, false);
    private final LinesView footer = new LinesView(1).colors(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE, false);
    private final Context context;
    private final Consumer<String> onFailure;
    private String status = "";
    /** Reads the followed stream; null while nothing is followed. */
    StreamPump pump;

    /** @param onFailure shows why the output could not be opened or loaded (after this window closed itself) */
    PagerWindow(String title, Context context, Consumer<String> onFailure, ScrollPane view) {
        super(title);
        this.context = context;
        this.onFailure = onFailure;
        this.view = view;
        titleRow.setLines(List.of(title));
        setParts(titleRow, view.component(), footer);
        renderFooter();
    }

    /** Follows {@code opener}'s stream: a pump reads it and reports back to this window as its sink. */
    void startFollowing(TextGUI gui, String name, Supplier<ConsoleStream> opener) {
        pump = new StreamPump(gui, name);
        pump.start(opener, this);
    }

    @Override
    public void data(byte[] chunk) {
        view.append(chunk);
        if (!view.following()) {
            renderFooter(); // the line count moved on
        }
    }

    @Override
    public void failed(String message) {
        close();
        onFailure.accept(message);
    }

    @Override
    public void close() {
        if (pump != null) {
            pump.close();
        }
        super.close();
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

    /** Runs the pager's own keys from the key table (close, scroll); false when {@code key} is none of them. */
    boolean pagerKey(KeyStroke key) {
        Optional<Action> a = KeyMap.lookup(context, key);
        if (a.isEmpty()) {
            return false;
        }
        if (a.get() == Action.CLOSE) {
            close();
        } else {
            scrollAction(a.get());
        }
        return true;
    }

    /** The scroll keys every pager shares; true when {@code a} was one. */
    private boolean scrollAction(Action a) {
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
