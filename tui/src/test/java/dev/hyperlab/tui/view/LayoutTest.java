package dev.hyperlab.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LayoutTest {
    @Test
    void allColumnsFitIn80AndNarrowTerminalsDropFromTheRight() {
        assertEquals(9, GuestListView.layout(80).size());
        assertEquals(80, GuestListView.layout(80).stream().mapToInt(c -> c[1]).sum() + 8);
        List<int[]> narrow = GuestListView.layout(60);
        assertEquals(8, narrow.size(), "IP goes first");
        assertTrue(GuestListView.layout(30).size() >= 3, "kind, name and state always stay");
    }

    @Test
    void formatsAreShort() {
        assertEquals("512M", Formats.memory(512L << 20));
        assertEquals("1.5G", Formats.memory(3L << 29));
        assertEquals("24G", Formats.memory(24L << 30));
        assertEquals("-", Formats.memory(0));
        assertEquals("12.5", Formats.percent(OptionalDouble.of(12.49)));
        assertEquals("45s", Formats.duration(Duration.ofSeconds(45)));
        assertEquals("12m03s", Formats.duration(Duration.ofSeconds(723)));
        assertEquals("3h07m", Formats.duration(Duration.ofMinutes(187)));
        assertEquals("2d04h", Formats.duration(Duration.ofHours(52)));
        assertEquals("96.2s", Formats.seconds(Duration.ofMillis(96_200)));
        assertEquals("abc~", Formats.fit("abcdef", 4));
    }

    @Test
    void messagesWrapAtWordsAndBreakLongWords() {
        assertEquals(List.of("start vm/x", "failed: no", "such"), MessageWindow.wrap("start vm/x failed: no such", 10));
        assertEquals(List.of("abcdefghij", "klm"), MessageWindow.wrap("abcdefghijklm", 10));
    }
}
