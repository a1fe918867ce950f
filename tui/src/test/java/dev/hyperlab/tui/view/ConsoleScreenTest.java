package dev.hyperlab.tui.view;

import dev.hyperlab.core.vm.ScriptedConsole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.model.GuestState;
import dev.hyperlab.tui.term.RecordedSessionsTest;
import dev.hyperlab.tui.term.VtScreenTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console views: a VM's serial console through VmService.console (the stream is scripted,
 * everything around it is real), and a container's output followed live.
 */
class ConsoleScreenTest extends GuestScreenFixture {
    private void awaitWritten(ScriptedConsole c, String expected) throws InterruptedException {
        for (int i = 0; i < 200 && !c.written().equals(expected); i++) {
            Thread.sleep(25);
        }
        assertEquals(expected, c.written());
    }

    @Test
    void vmConsoleShowsTheGuestAndSendsKeysUntilCtrlBracket() throws Exception {
        foreignVm("hl-tui-c1", 128, 1, true);
        screen.awaitText("hl-tui-c1");
        select("hl-tui-c1");
        screen.type("o");
        screen.awaitText("console vm/hl-tui-c1  (Ctrl-] back to the list)");
        ScriptedConsole c = hv.console("hl-tui-c1");
        c.emit("[\u001b[0;32m  OK  \u001b[0m] Started serial-getty@ttyS0.service\r\n\r\n");
        c.emit("Debian GNU/Linux 12 hl-tui-c1 ttyS0\r\n\r\nhl-tui-c1 login: ");
        String t = screen.awaitText("hl-tui-c1 login:");
        assertTrue(t.contains("[  OK  ] Started serial-getty@ttyS0.service"), "colours dropped, text kept\n" + t);
        assertTrue(t.split("\n")[23].startsWith("Ctrl-]:back  PgUp:scroll") && t.contains("connected"), t);

        screen.type("root");
        screen.key(KeyType.Enter);
        screen.ctrl('c'); // the guest's, not ours
        screen.key(KeyType.ArrowUp);
        awaitWritten(c, "root\r\u0003\u001b[A");
        screen.ctrl(']');
        screen.awaitText("?:help  q:quit");
        screen.awaitNoText("console vm/hl-tui-c1");
        for (int i = 0; i < 100 && !c.isClosed(); i++) {
            Thread.sleep(20);
        }
        assertTrue(c.isClosed(), "leaving closes the console stream");
        assertTrue(hv.get("hl-tui-c1").isRunning(), "the VM keeps running");
    }

    /**
     * The console is a terminal: a recorded interactive {@code top} (script, 80x24, TERM=vt220) is
     * replayed as the guest's output, and the view shows what tmux shows for the same bytes. The
     * 22 rows between title and footer show the guest's 24 around the cursor, which top left on the
     * last row when it quit.
     */
    @Test
    void aRecordedTopSessionDrawsAsOnARealTerminal() throws Exception {
        foreignVm("hl-tui-top", 128, 1, true);
        screen.awaitText("hl-tui-top");
        select("hl-tui-top");
        screen.type("o");
        screen.awaitText("connected");
        ScriptedConsole c = hv.console("hl-tui-top");
        c.emit(dev.hyperlab.tui.term.VtScreenTest.resource("top-80x24.typescript"), 500);
        List<String> tmux = new String(dev.hyperlab.tui.term.VtScreenTest.resource("top-80x24.screen"),
                java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        List<String> expected = tmux.subList(2, 24);
        // The pieces arrive one by one: wait for the whole pane, whose failure shows what was drawn.
        screen.await("the rows 3-24 of tmux's screen:\n" + String.join("\n", expected),
                s -> List.of(s.split("\n", -1)).subList(1, 23).equals(expected));
        screen.type("q");
        awaitWritten(c, "q");
    }

    /**
     * vi in the guest while the host's terminal has 24 rows too: the pane has 22 of the guest's 24,
     * and they are the ones down to vi's status line (where its mode and the command being typed
     * show), not the top ones. The recorded session is replayed up to the moment a line is typed in
     * insert mode.
     */
    @Test
    void aRecordedViSessionKeepsItsStatusLineInView() throws Exception {
        foreignVm("hl-tui-vi", 128, 1, true);
        screen.awaitText("hl-tui-vi");
        select("hl-tui-vi");
        screen.type("o");
        screen.awaitText("connected");
        ScriptedConsole c = hv.console("hl-tui-vi");
        RecordedSessionsTest.Checkpoint typed = RecordedSessionsTest.checkpoints("vi-80x24.screens").get(9);
        c.emit(Arrays.copyOf(VtScreenTest.resource("vi-80x24.typescript"), typed.offset()), 500);
        List<String> expected = typed.text().subList(2, 24);
        assertTrue(expected.get(21).startsWith("-- INSERT --"), "the checkpoint is in insert mode: " + expected);
        screen.await("the rows 3-24 of tmux's screen:\n" + String.join("\n", expected),
                s -> List.of(s.split("\n", -1)).subList(1, 23).equals(expected));
    }

    @Test
    void aStoppedVmHasNoConsoleAndSaysSo() throws Exception {
        foreignVm("hl-tui-c2", 128, 1, false);
        screen.awaitText("hl-tui-c2");
        select("hl-tui-c2");
        screen.key(KeyType.Enter); // Enter opens the console too
        String t = screen.awaitText("Error");
        assertTrue(flat(t).contains("cannot attach to the console of VM hl-tui-c2: it is not running"), t);
        screen.key(KeyType.Escape);
        screen.awaitNoText("Error");
    }

    @Test
    void containerOutputIsFollowedReadOnly() throws Exception {
        cts.add("hl-tui-ct1", GuestState.RUNNING);
        screen.awaitText("hl-tui-ct1");
        screen.type(":console ct/hl-tui-ct1");
        screen.key(KeyType.Enter);
        screen.awaitText("output of ct/hl-tui-ct1 (live; Esc back to the list)");
        ScriptedConsole out = null;
        for (int i = 0; i < 200 && (out = cts.outputs.get("hl-tui-ct1")) == null; i++) {
            Thread.sleep(25);
        }
        assertTrue(out != null, "the output stream was opened");
        out.emit("Welcome to Debian GNU/Linux 12 (bookworm)!\n");
        out.emit("hyperlab-ready i-123\n");
        String t = screen.awaitText("hyperlab-ready i-123");
        assertTrue(t.contains("Welcome to Debian") && t.contains("following"), t);
        screen.type("x");
        screen.key(KeyType.Enter);
        Thread.sleep(200);
        assertEquals("", out.written(), "nothing typed reaches a container's output");
        out.end();
        screen.awaitText("output ended");
        screen.key(KeyType.Escape);
        screen.awaitText("?:help  q:quit");
        // The stream is closed off the UI thread after the view is gone, so it may lag the redraw.
        for (int i = 0; i < 100 && !out.isClosed(); i++) {
            Thread.sleep(20);
        }
        assertTrue(out.isClosed(), "leaving closes the output stream");
    }

    /**
     * libvirt gives a VM's console to one reader: opening it during a watched boot would take it
     * from the boot watcher and end the create. The view reads the watcher's lines instead, then
     * takes the console once the boot is over.
     */
    @Test
    void consoleDuringAWatchedBootSharesTheWatchersLinesThenTakesTheConsole() throws Exception {
        screen.type("c");
        screen.awaitText("Create guests");
        screen.key(KeyType.Tab, 2);
        screen.type("hl-tui-c3");
        screen.key(KeyType.Enter, 9);
        screen.awaitText("Booting");
        ScriptedConsole watcher = hv.console("hl-tui-c3");
        watcher.emit("[    0.000000] Linux version 6.1.0-28-cloud-amd64\r\n");
        screen.key(KeyType.Escape);
        screen.awaitLine("vm +hl-tui-c3 +running .* kernel +-");
        screen.type("o");
        String t = screen.awaitText("Linux version 6.1.0-28-cloud-amd64");
        assertTrue(t.contains("booting: read-only until ready"), t);
        watcher.emit("Welcome to Debian GNU/Linux 12 (bookworm)!\r\n");
        screen.awaitText("Welcome to Debian GNU/Linux 12");
        screen.type("ls");
        Thread.sleep(200);
        assertEquals(1, hv.opens("hl-tui-c3"), "the view must not take the console from the boot watcher");
        assertEquals("", watcher.written(), "keys do not reach the guest while the watcher holds the console");

        String iid = hv.get("hl-tui-c3").label().orElseThrow().instanceId();
        watcher.emit(new dev.hyperlab.core.lab.CloudInitSeedMaker().readinessLine(iid) + "\r\n");
        screen.awaitText("connected");
        ScriptedConsole mine = hv.console("hl-tui-c3");
        assertEquals(2, hv.opens("hl-tui-c3"), "after the boot, the view opens the console itself");
        mine.emit("hl-tui-c3 login: ");
        screen.awaitText("hl-tui-c3 login:");
        screen.type("x");
        awaitWritten(mine, "x");
        screen.ctrl(']');
        screen.awaitText("?:help  q:quit");
        assertTrue(hv.get("hl-tui-c3").timeline().has(dev.hyperlab.core.model.Phase.READY),
                "the boot finished: nothing was rolled back");
    }
}
