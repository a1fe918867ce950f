package dev.hyperlab.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermBufferTest {
    private static TermBuffer of(String... chunks) {
        TermBuffer b = new TermBuffer(100);
        for (String c : chunks) {
            b.append(c);
        }
        return b;
    }

    @Test
    void coloursAreDroppedAndLinesSplit() {
        TermBuffer b = of("[\u001b[0;32m  OK  \u001b[0m] Started ssh.service\r\n", "login: ");
        assertEquals(List.of("[  OK  ] Started ssh.service", "login: "), b.lines());
        assertEquals(7, b.column());
    }

    @Test
    void carriageReturnAndEraseRewriteTheLine() {
        assertEquals(List.of("done 100%"), of("fetch 10%\r", "done 100%").lines());
        assertEquals(List.of("ab%"), of("xy%\r", "ab").lines(), "CR moves back; it erases nothing");
        assertEquals(List.of("ok"), of("progress 50%\r\u001b[Kok").lines());
        assertEquals(List.of("rot"), of("root\b\b\u001b[K", "t").lines(), "backspace then erase, as a shell does");
    }

    @Test
    void sequencesAndCharactersSplitAcrossReadsCarryOver() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        TermBuffer b = new TermBuffer(100);
        b.append(new byte[] {'a', euro[0]}, 2);
        b.append(new byte[] {euro[1], euro[2], 0x1b, '['}, 4);
        b.append("1;31mred\u001b]0;title\u0007!");
        assertEquals(List.of("a€red!"), b.lines());
    }

    @Test
    void scrollbackIsBoundedAndCountsWhatItDropped() {
        TermBuffer b = new TermBuffer(3);
        b.append("1\n2\n3\n4\n5");
        assertEquals(List.of("3", "4", "5"), b.lines());
        assertEquals(2, b.dropped());
    }

    @Test
    void tabsGoToTheNextStop() {
        assertEquals(List.of("a       b"), of("a\tb").lines());
    }
}
