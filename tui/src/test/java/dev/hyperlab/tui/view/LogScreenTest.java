package dev.hyperlab.tui.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import dev.hyperlab.core.model.GuestState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The log view: a VM's console log file (where VmService says it is) and a container's logs, scrollable. */
class LogScreenTest extends GuestScreenFixture {
    @Test
    void vmConsoleLogOpensAtTheEndAndScrollsToTheStart() throws Exception {
        foreignVm("hl-tui-l1", 128, 1, false);
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            log.append(String.format("\u001b[0;1mboot line %03d\u001b[0m\r\n", i));
        }
        Path file = dataDir.resolve("logs/hl-tui-l1-console.log"); // an unlabelled domain's log, per VmService
        Files.createDirectories(file.getParent());
        Files.writeString(file, log);
        screen.awaitText("hl-tui-l1");
        select("hl-tui-l1");
        screen.type("l");
        String t = screen.awaitText("boot line 300");
        assertTrue(t.contains("console log of vm/hl-tui-l1"), t);
        assertFalse(t.contains("boot line 001"), t);
        assertTrue(t.split("\n")[23].startsWith("Esc:back  PgUp:scroll  End:follow") && t.contains("end of log"), t);
        screen.type("g");
        t = screen.awaitText("boot line 001");
        assertTrue(t.contains("line 1 of 301"), "the footer says where we are\n" + t);
        screen.key(KeyType.PageDown);
        screen.awaitText("boot line 022");
        screen.type("G");
        screen.awaitText("boot line 300");
        screen.type("q");
        screen.awaitText("?:help  q:quit");
    }

    @Test
    void aVmWithoutALogSaysWhy() throws Exception {
        foreignVm("hl-tui-l2", 128, 1, false);
        screen.awaitText("hl-tui-l2");
        select("hl-tui-l2");
        screen.type("l");
        String t = screen.awaitText("Error");
        assertTrue(flat(t).contains("no console log for hl-tui-l2"), t);
        screen.key(KeyType.Enter);
        screen.awaitText("?:help  q:quit");
    }

    @Test
    void containerLogs() throws Exception {
        cts.add("hl-tui-ct2", GuestState.STOPPED);
        cts.logs.put("hl-tui-ct2", "hello from the container\nsecond line\n");
        screen.awaitText("hl-tui-ct2");
        select("hl-tui-ct2");
        screen.type("l");
        String t = screen.awaitText("hello from the container");
        assertTrue(t.contains("logs of ct/hl-tui-ct2") && t.contains("second line"), t);
        screen.key(KeyType.Escape);
        screen.awaitText("?:help  q:quit");
    }

    @Test
    void pagersRelayoutOnResizeAndWrapLongLines() throws Exception {
        foreignVm("hl-tui-l3", 128, 1, false);
        Path file = dataDir.resolve("logs/hl-tui-l3-console.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "short\n" + "x".repeat(70) + "END-OF-LONG-LINE\nlast\n");
        screen.awaitText("hl-tui-l3");
        select("hl-tui-l3");
        screen.type("l");
        String t0 = screen.awaitText("last");
        assertTrue(t0.split("\n")[1].equals("short"), "a short log starts at the top\n" + t0);
        screen.terminal.setTerminalSize(new com.googlecode.lanterna.TerminalSize(100, 30));
        screen.await("footer on row 29", t -> t.split("\n", -1)[29].startsWith("Esc:back"));
        screen.terminal.setTerminalSize(new com.googlecode.lanterna.TerminalSize(60, 20));
        String t = screen.await("footer on row 19, title on row 0", s -> s.split("\n", -1)[19].startsWith("Esc:back")
                && s.split("\n", -1)[0].startsWith("console log of vm/hl-tui-l3"));
        assertTrue(t.lines().anyMatch(l -> l.equals("x".repeat(60))) && t.contains("xxxxxxxxxxEND-OF-LONG-LINE"),
                "a line longer than the screen wraps\n" + t);
        screen.key(KeyType.Escape);
        screen.await("the list at 60x20", s -> s.split("\n", -1)[19].startsWith("?:help"));
    }
}
