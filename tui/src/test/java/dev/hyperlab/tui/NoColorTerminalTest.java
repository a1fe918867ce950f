package dev.hyperlab.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NO_COLOR: no colours on the terminal, and a coloured background becomes reverse video")
class NoColorTerminalTest {
    @Test
    void coloursBecomeDefaultAndSelectionReverse() throws Exception {
        DefaultVirtualTerminal screen = new DefaultVirtualTerminal();
        Terminal t = NoColorTerminal.wrap(screen);
        t.setForegroundColor(TextColor.ANSI.RED);
        t.putCharacter('e');
        t.setBackgroundColor(TextColor.ANSI.CYAN);
        t.setForegroundColor(TextColor.ANSI.BLACK);
        t.putCharacter('s');
        t.setBackgroundColor(TextColor.ANSI.DEFAULT);
        t.putCharacter('n');
        TextCharacter error = screen.getCharacter(new TerminalPosition(0, 0));
        TextCharacter selected = screen.getCharacter(new TerminalPosition(1, 0));
        TextCharacter normal = screen.getCharacter(new TerminalPosition(2, 0));
        assertEquals(TextColor.ANSI.DEFAULT, error.getForegroundColor());
        assertEquals(TextColor.ANSI.DEFAULT, selected.getBackgroundColor());
        assertTrue(selected.getModifiers().contains(SGR.REVERSE));
        assertFalse(normal.getModifiers().contains(SGR.REVERSE));
    }

    @Test
    void onlyASetNonEmptyNoColorCounts() {
        assertTrue(NoColorTerminal.wanted(Map.of("NO_COLOR", "1")));
        assertFalse(NoColorTerminal.wanted(Map.of("NO_COLOR", "")));
        assertFalse(NoColorTerminal.wanted(Map.of()));
    }
}
