package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.TextGUI;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.keys.Action;
import dev.hyperlab.tui.keys.Context;
import dev.hyperlab.tui.keys.KeyMap;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A VM's serial console: the guest's output live, and every key typed goes to the guest except the
 * console's own (Ctrl-] back to the list, PgUp/PgDn to scroll), as with {@code hyperlab vm console}.
 * Leaving closes the stream; the guest keeps running.
 */
final class ConsoleWindow extends PagerWindow implements StreamPump.Sink {
    private final StreamPump pump;
    private final Consumer<String> onFailure;

    /** @param onFailure shows why the console could not be opened (after this window closed itself) */
    ConsoleWindow(TextGUI gui, GuestKey key, Supplier<ConsoleStream> opener, Consumer<String> onFailure) {
        super("console " + key + "  (Ctrl-] back to the list)", Context.CONSOLE);
        this.onFailure = onFailure;
        view.showCursor(true);
        setStatus("connecting ...");
        pump = new StreamPump(gui, key.name());
        pump.start(opener, this);
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        Optional<Action> a = KeyMap.lookup(Context.CONSOLE, key);
        if (a.isPresent()) {
            if (a.get() == Action.CLOSE) {
                close();
            } else {
                scrollAction(a.get());
            }
            return true;
        }
        if (!view.following()) {
            view.toBottom(); // typing brings the prompt back, as in a terminal
            renderFooter();
        }
        pump.write(KeyBytes.of(key));
        return true;
    }

    @Override public void opened() { setStatus("connected"); }

    @Override
    public void data(byte[] chunk) {
        buffer.append(chunk, chunk.length);
        view.changed();
        if (!view.following()) {
            renderFooter(); // the line count moved on
        }
    }

    @Override
    public void ended(String error) {
        setStatus(error == null ? "the console closed (the VM stopped?)" : "console lost: " + error);
    }

    @Override
    public void failed(String message) {
        close();
        onFailure.accept(message);
    }

    @Override
    public void close() {
        pump.close();
        super.close();
    }
}
