package dev.hyperlab.tui.view;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.Component;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.LayoutData;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.List;

/**
 * A full-screen view of one table (the images, the labs): a header line, the table, and under it the
 * selected row's details, the view's task line, a status line and the footer of its keys. The keys
 * are one {@link Context}'s: Esc goes back, {@code ?} shows the help, the arrows, Home and End move
 * the selection and the details follow it; {@link #act} gets the rest, the view's own.
 */
abstract class TableWindow extends FullScreenWindow {
    private static final LayoutData FILL = LinearLayout.createLayoutData(LinearLayout.Alignment.Fill);

    final LinesView header = new LinesView(1).colors(null, null, true);
    final ReflowView detail;
    private final LinesView status = new LinesView(1).colors(TextColor.ANSI.YELLOW, null, false);
    private final LinesView footer = new LinesView(1).colors(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE, false);
    private final Context keys;
    private SelectableTable<?, ?> table;

    TableWindow(String title, Context keys, int detailRows) {
        super(title);
        this.keys = keys;
        this.detail = new ReflowView(detailRows);
        footer.setLines(List.of(KeyMap.footer(keys)));
    }

    /** Lays the view out; called once by the constructor of the view, which builds its table and task line. */
    final void lay(SelectableTable<?, ?> rows, Component task) {
        this.table = rows;
        Panel bottom = new Panel(new LinearLayout(Direction.VERTICAL).setSpacing(0));
        bottom.addComponent(detail, FILL);
        bottom.addComponent(task, FILL);
        bottom.addComponent(status, FILL);
        bottom.addComponent(footer, FILL);
        setParts(header, rows, bottom);
    }

    void showStatus(String line) {
        status.setLines(List.of(line));
    }

    @Override
    public final boolean handleInput(KeyStroke key) {
        KeyMap.lookup(keys, key).ifPresent(this::run);
        return true;
    }

    final void run(Action a) {
        switch (a) {
            case BACK -> close();
            case HELP -> showHelp();
            case MOVE_UP -> moved(() -> table.move(-1));
            case MOVE_DOWN -> moved(() -> table.move(1));
            case MOVE_TOP -> moved(() -> table.moveTo(0));
            case MOVE_BOTTOM -> moved(() -> table.moveTo(Integer.MAX_VALUE));
            default -> act(a);
        }
    }

    /** What the view's own keys do. */
    abstract void act(Action a);

    private void moved(Runnable move) {
        move.run();
        detail.refresh();
    }
}
