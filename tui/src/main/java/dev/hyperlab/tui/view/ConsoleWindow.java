package dev.hyperlab.tui.view;

import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.input.KeyStroke;
import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.tui.data.GuestKey;
import dev.hyperlab.tui.keys.Context;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A VM's serial console: the guest's output live, and every key typed goes to the guest except the
 * console's own (Ctrl-] back to the list, PgUp/PgDn to scroll), as with {@code hyperlab vm console}.
 * Leaving closes the stream; the guest keeps running.
 *
 * <p>While this session's boot watcher follows the VM, it holds the VM's one console: the window
 * then shows what the watcher reads (read-only) and takes the console itself once the boot is over.
 */
final class ConsoleWindow extends PagerWindow {
    /** The size a guest's serial getty assumes (its vt220 terminfo entry): the line tells it none. */
    static final int GUEST_COLS = 80;
    static final int GUEST_ROWS = 24;
    private final WindowBasedTextGUI gui;
    private final GuestKey key;
    /** The real console, to open once the boot watcher's feed ends; null once opened. */
    private Supplier<ConsoleStream> afterBoot;

    /**
     * @param bootFeed  the boot watcher's lines while it holds the console, or null
     * @param onFailure shows why the console could not be opened (after this window closed itself)
     */
    ConsoleWindow(WindowBasedTextGUI gui, GuestKey key, Supplier<ConsoleStream> bootFeed, Supplier<ConsoleStream> opener,
                  Consumer<String> onFailure) {
        this(gui, key, bootFeed, opener, onFailure, new Replies());
    }

    private ConsoleWindow(WindowBasedTextGUI gui, GuestKey key, Supplier<ConsoleStream> bootFeed,
                          Supplier<ConsoleStream> opener, Consumer<String> onFailure, Replies replies) {
        super("console " + key + "  (Ctrl-] back to the list)", Context.CONSOLE, onFailure,
                new VtView(GUEST_COLS, GUEST_ROWS, SCROLLBACK, replies));
        replies.window = this;
        this.gui = gui;
        this.key = key;
        if (bootFeed != null) {
            afterBoot = opener;
            setStatus("booting: read-only until ready");
            connect(bootFeed);
        } else {
            setStatus("connecting ...");
            connect(opener);
        }
    }

    private void connect(Supplier<ConsoleStream> opener) {
        startFollowing(gui, key.name(), opener);
    }

    @Override
    public boolean handleInput(KeyStroke key) {
        if (pagerKey(key)) {
            return true;
        }
        if (!view.following()) {
            view.toBottom(); // typing brings the prompt back, as in a terminal
            renderFooter();
        }
        pump.write(KeyBytes.of(key, ((VtView) view).screen().applicationCursorKeys()));
        return true;
    }

    /** The terminal's answers to the guest's queries (cursor position: {@code resize}), typed back to it. */
    private static final class Replies implements Consumer<String> {
        ConsoleWindow window;

        @Override
        public void accept(String answer) {
            if (window != null && window.pump != null) {
                window.pump.write(answer.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }

    @Override public void opened() {
        if (afterBoot == null) {
            setStatus("connected");
        }
    }

    @Override
    public void ended(String error) {
        if (afterBoot != null && error == null) {
            Supplier<ConsoleStream> opener = afterBoot;
            afterBoot = null;
            pump.close();
            view.append("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // the boot feed's last line may lack its end
            setStatus("the boot is over: connecting ...");
            connect(opener);
            return;
        }
        setStatus(error == null ? "the console closed (the VM stopped?)" : "console lost: " + error);
    }
}
