package dev.hyperlab.tui.view;

import static org.junit.jupiter.api.Assertions.fail;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.hyperlab.tui.TuiSession;
import dev.hyperlab.tui.data.libvirt.LibvirtGuestSource;
import dev.hyperlab.tui.host.HostInfo;
import dev.hyperlab.tui.ViewServices;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Runs a real TUI session on Lanterna's virtual terminal and reads back what it drew. */
final class ScreenHarness implements AutoCloseable {
    final DefaultVirtualTerminal terminal;
    final LibvirtGuestSource source;
    final TuiSession session;

    ScreenHarness(String uri, int cols, int rows, Supplier<HostInfo> host) throws Exception {
        this(uri, cols, rows, host, null, System::nanoTime);
    }

    /** With the images and compare views over {@code services}, and {@code clock} for their elapsed times. */
    ScreenHarness(String uri, int cols, int rows, Supplier<HostInfo> host, ViewServices services, LongSupplier clock)
            throws Exception {
        terminal = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        source = new LibvirtGuestSource(uri);
        session = TuiSession.start(terminal, source, source, host, services, clock);
    }

    /**
     * The screen, one string per row. Read on the GUI thread, so never in the middle of a redraw:
     * each read is one whole frame.
     */
    String text() {
        String[] out = new String[1];
        try {
            session.gui().getGUIThread().invokeAndWait(() -> out[0] = readTerminal());
        } catch (IllegalStateException e) {
            return readTerminal(); // the GUI has stopped: nothing draws any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out[0];
    }

    private String readTerminal() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < size.getRows(); y++) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < size.getColumns(); x++) {
                line.append(terminal.getCharacter(x, y).getCharacterString());
            }
            sb.append(line.toString().replaceAll("\\s+$", "")).append('\n');
        }
        return sb.toString();
    }

    String row(int y) {
        return text().split("\n", -1)[y];
    }

    /** Waits until the screen satisfies {@code p}; fails with the screen's text otherwise. */
    String await(String what, Predicate<String> p) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String t = text();
        while (System.nanoTime() < deadline) {
            t = text();
            if (p.test(t)) {
                return t;
            }
            Thread.sleep(40);
        }
        fail("screen never showed " + what + "; it shows:\n" + t);
        return t;
    }

    String awaitText(String s) throws InterruptedException {
        return await("'" + s + "'", t -> t.contains(s));
    }

    String awaitNoText(String s) throws InterruptedException {
        return await("no '" + s + "'", t -> !t.contains(s));
    }

    void type(String chars) {
        for (char c : chars.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
    }

    void key(KeyType type) {
        terminal.addInput(new KeyStroke(type));
    }

    /** Types {@code chars} and presses Enter: one line into a prompt. */
    void enter(String chars) {
        type(chars);
        key(KeyType.Enter);
    }

    @Override
    public void close() {
        session.close();
        source.close();
    }
}
