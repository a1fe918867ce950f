package dev.hyperlab.tui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineConsoleTest {
    private static LineConsole console() {
        return new LineConsole() {
            @Override public void close() { end(); }
        };
    }

    @Test
    void linesAreReadInPiecesAsLargeAsTheReaderAsksThenEveryReadEnds() {
        LineConsole c = console();
        c.line("hello");
        c.line("");
        c.end();
        byte[] buf = new byte[4];
        assertEquals(4, c.read(buf));
        assertEquals("hell", new String(buf, StandardCharsets.UTF_8));
        assertEquals(2, c.read(buf));
        assertEquals("o\n", new String(buf, 0, 2, StandardCharsets.UTF_8));
        assertEquals(1, c.read(buf));
        assertEquals(-1, c.read(buf));
        assertEquals(-1, c.read(buf), "the end stays");
    }

    @Test
    void keysAreDroppedAndCloseEnds() {
        LineConsole c = console();
        c.write("ls\r".getBytes(StandardCharsets.UTF_8), 3);
        c.close();
        assertEquals(-1, c.read(new byte[8]));
    }
}
