package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.TextGUI;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.tui.keys.Context;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Read-only output, scrollable: a guest's console log (VM log file, container logs) loaded once,
 * or a container's output followed live (the container's counterpart of the VM console).
 */
final class OutputWindow extends PagerWindow {
    private final TermView text;

    private OutputWindow(String title, Consumer<String> onFailure, TermView text) {
        super(title, Context.OUTPUT, onFailure, text);
        this.text = text;
    }

    private OutputWindow(String title, Consumer<String> onFailure) {
        this(title, onFailure, new TermView(new TermBuffer(SCROLLBACK)));
    }

    /** The end of a log, read once on a background thread. */
    static OutputWindow log(TextGUI gui, String title, Supplier<String> reader, Consumer<String> onFailure) {
        OutputWindow w = new OutputWindow(title, onFailure);
        w.setStatus("loading ...");
        GuiThread.daemon("log-reader", () -> {
            try {
                String text = reader.get();
                GuiThread.later(gui, () -> w.loaded(text));
            } catch (RuntimeException e) {
                String msg = StreamPump.message(e);
                GuiThread.later(gui, () -> w.failed(msg));
            }
        }).start();
        return w;
    }

    /** Output followed as it comes, until the stream ends or the user leaves. */
    static OutputWindow follow(TextGUI gui, String title, String name, Supplier<ConsoleStream> opener,
                               Consumer<String> onFailure) {
        OutputWindow w = new OutputWindow(title, onFailure);
        w.setStatus("connecting ...");
        w.startFollowing(gui, name, opener);
        return w;
    }

    private void loaded(String text) {
        this.text.buffer().append(text);
        this.text.toBottom();
        setStatus(text.isEmpty() ? "empty" : "end of log");
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        pagerKey(key);
        return true; // a read-only view: other keys do nothing
    }

    @Override public void opened() { setStatus("following"); }

    @Override public void ended(String error) { setStatus(error == null ? "output ended" : "output lost: " + error); }
}
