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
        assertEquals(9, GuestListView.COLUMNS.layout(80).size());
        assertEquals(80, GuestListView.COLUMNS.layout(80).stream().mapToInt(c -> c[1]).sum() + 8);
        List<int[]> narrow = GuestListView.COLUMNS.layout(60);
        assertEquals(8, narrow.size(), "IP goes first");
        assertTrue(GuestListView.COLUMNS.layout(30).size() >= 3, "kind, name and state always stay");
    }

    @Test
    void imageColumnsFill80AndDropSourceThenChecksumWhenNarrow() {
        List<int[]> at80 = ImageTable.COLUMNS.layout(80);
        assertEquals(7, at80.size());
        assertEquals(80, at80.stream().mapToInt(c -> c[1]).sum() + 6);
        assertEquals(6, ImageTable.COLUMNS.layout(70).size(), "the source goes first");
        assertTrue(ImageTable.COLUMNS.layout(70).stream().noneMatch(c -> c[0] == 6));
        assertTrue(ImageTable.COLUMNS.layout(50).stream().noneMatch(c -> c[0] == 4), "then the checksum");
        assertEquals(0, ImageTable.COLUMNS.layout(30).get(0)[0], "the name always stays");
    }

    @Test
    void footerHintsGiveWayWholeToTheRightText() {
        assertEquals("?:help  q:quit", LinesView.beforeRight("?:help  q:quit  /:filter", 20));
        assertEquals("?:help  q:quit  /:filter", LinesView.beforeRight("?:help  q:quit  /:filter", 24));
    }

    @Test
    void transferLineIsABarWithBytesRateAndEta() {
        var p = new dev.hyperlab.images.Progress("download", Duration.ofSeconds(3), 37L << 20, 100L << 20, 4.1 * (1 << 20),
                Duration.ofSeconds(65), "");
        String line = ImagesWindow.transferLine(p, 80);
        assertEquals(80, line.length(), line);
        assertTrue(line.matches("\\[#{11}-{19}\\]  37%  37\\.0 MiB / 100\\.0 MiB  4\\.1 MiB/s ETA 1m05s"), line);
        var unknown = new dev.hyperlab.images.Progress("download", Duration.ZERO, 2048, -1, 1024, null, "");
        assertEquals("downloaded 2.0 KiB  1.0 KiB/s", ImagesWindow.transferLine(unknown, 80));
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
