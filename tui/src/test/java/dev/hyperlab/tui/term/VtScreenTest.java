package dev.hyperlab.tui.term;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The terminal model: what a guest's bytes leave on an 80x24 screen. */
public class VtScreenTest {
    final VtScreen screen = new VtScreen(80, 24, 100);
    final List<String> replies = new ArrayList<>();
    final VtParser parser = new VtParser(screen, replies::add);

    public static byte[] resource(String name) throws IOException {
        try (InputStream in = VtScreenTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    String row(int y) { return screen.line(y).text(); }

    @Test
    @DisplayName("an interactive top, recorded with script at 80x24, leaves the screen tmux shows for the same bytes")
    void recordedTopSessionDrawsAsTmuxDrawsIt() throws Exception {
        byte[] rec = resource("top-80x24.typescript");
        // In odd-sized pieces: sequences and UTF-8 characters cut anywhere carry over.
        for (int i = 0; i < rec.length; i += 97) {
            byte[] piece = java.util.Arrays.copyOfRange(rec, i, Math.min(rec.length, i + 97));
            parser.feed(piece, piece.length);
        }
        String expected = new String(resource("top-80x24.screen"), StandardCharsets.UTF_8);
        assertEquals(expected, screen.text());
    }

    @Test
    @DisplayName("cursor addressing, erase in line and in display")
    void cursorAndErase() {
        parser.feed("hello world\r\nsecond\u001b[1;7HWORLD\u001b[2;4H\u001b[K\u001b[5;10Hx");
        assertEquals("hello WORLD", row(0));
        assertEquals("sec", row(1));
        assertEquals("         x", row(4));
        parser.feed("\u001b[1;6H\u001b[1K");
        assertEquals("      WORLD", row(0));
        parser.feed("\u001b[2J");
        assertEquals("", screen.text().strip());
    }

    @Test
    @DisplayName("a line longer than 80 columns wraps; the 80th character does not wrap by itself")
    void autoWrap() {
        parser.feed("x".repeat(80));
        assertEquals(0, screen.cursorY(), "the cursor waits at the margin");
        parser.feed("yz");
        assertEquals("x".repeat(80), row(0));
        assertEquals("yz", row(1));
        parser.feed("\u001b[?7l\r\n" + "a".repeat(85));
        assertEquals("a".repeat(80), row(2), "without auto-wrap the last column is overwritten");
        assertEquals("", row(3));
    }

    @Test
    @DisplayName("a scroll region scrolls only its lines; the main screen's top line goes to the scroll-back")
    void scrollRegionAndScrollback() {
        parser.feed("top\r\n\u001b[3;5r\u001b[3;1Ha\r\nb\r\nc\r\nd");
        assertEquals("top", row(0));
        assertEquals("b", row(2));
        assertEquals("c", row(3));
        assertEquals("d", row(4));
        assertEquals(0, screen.scrollback().size(), "a region below the top keeps nothing");
        parser.feed("\u001b[r\u001b[24;1H\n\n");
        assertEquals(2, screen.scrollback().size());
        assertEquals("top", screen.scrollback().get(0).text());
    }

    @Test
    @DisplayName("insert and delete lines and characters, reverse index at the top")
    void insertDelete() {
        parser.feed("one\r\ntwo\r\nthree\u001b[2;1H\u001b[L");
        assertEquals("one", row(0));
        assertEquals("", row(1));
        assertEquals("two", row(2));
        parser.feed("\u001b[M\u001b[1;2H\u001b[P");
        assertEquals("oe", row(0));
        assertEquals("two", row(1));
        parser.feed("\u001b[2@");
        assertEquals("o  e", row(0));
        parser.feed("\u001b[H\u001bM");
        assertEquals("", row(0));
        assertEquals("o  e", row(1));
    }

    @Test
    @DisplayName("the alternate screen (vi, less) gives the shell's screen and cursor back when it is left")
    void alternateScreen() {
        parser.feed("$ vi notes\r\n");
        parser.feed("\u001b[?1049h\u001b[H\u001b[2Jfirst line\r\n~\r\n~\u001b[24;1H\"notes\" 1L");
        assertTrue(screen.alternateScreen());
        assertEquals("first line", row(0));
        parser.feed("\u001b[?1049l");
        assertFalse(screen.alternateScreen());
        assertEquals("$ vi notes", row(0));
        assertEquals("", row(1));
        assertEquals(1, screen.cursorY());
        assertEquals(0, screen.scrollback().size(), "the alternate screen keeps no scroll-back");
    }

    @Test
    @DisplayName("SGR: bold, colours (16, 256 and RGB), reverse; reset clears them")
    void sgr() {
        parser.feed("\u001b[1;31mA\u001b[0;38;5;200;48;2;1;2;3mB\u001b[7mC\u001b[mD");
        long a = screen.line(0).style(0);
        assertTrue(CellStyle.has(a, CellStyle.BOLD));
        assertEquals(CellStyle.indexed(1), CellStyle.fg(a));
        long b = screen.line(0).style(1);
        assertFalse(CellStyle.has(b, CellStyle.BOLD));
        assertEquals(CellStyle.indexed(200), CellStyle.fg(b));
        assertEquals(CellStyle.rgb(1, 2, 3), CellStyle.bg(b));
        assertTrue(CellStyle.has(screen.line(0).style(2), CellStyle.REVERSE));
        assertEquals(CellStyle.DEFAULT, screen.line(0).style(3));
    }

    @Test
    @DisplayName("the cursor position report answers resize and curses; DECCKM switches the arrow keys")
    void reportsAndModes() {
        parser.feed("\u001b[5;7H\u001b[6n\u001b[c\u001b[?1h");
        assertEquals(List.of("\u001b[5;7R", "\u001b[?1;2c"), replies);
        assertTrue(screen.applicationCursorKeys());
        parser.feed("\u001b[?1l\u001b[?25l");
        assertFalse(screen.applicationCursorKeys());
        assertFalse(screen.cursorVisible());
    }

    @Test
    @DisplayName("DEC line drawing, UTF-8 cut between chunks, window titles and unknown sequences draw nothing")
    void charsetsAndStrings() {
        parser.feed("\u001b(0lqk\u001b(B ");
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        parser.feed(euro, 1);
        parser.feed(new byte[] {euro[1], euro[2]}, 2);
        parser.feed("\u001b]0;title\u0007\u001b[>4;2m\u001bP+q\u001b\\!");
        assertEquals("┌─┐ €!", row(0));
    }
}
