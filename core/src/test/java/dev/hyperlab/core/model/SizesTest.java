package dev.hyperlab.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test void parsesBinaryUnitsWithADefaultUnitForBareNumbers() {
        assertEquals(512L << 20, Sizes.parse("m", "512M", "M"));
        assertEquals(512L << 20, Sizes.parse("m", "512", "M"));
        assertEquals(512L << 20, Sizes.parse("m", "512MiB", "M"));
        assertEquals(2L << 30, Sizes.parse("d", "2G", "M"));
        assertEquals(2L << 30, Sizes.parse("d", "2GiB", "M"));
        assertEquals(3L << 29, Sizes.parse("d", "1.5g", "M"));
        assertEquals(10L << 30, Sizes.parse("d", "10", "G"));
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals(1L << 10, Sizes.parse("1k"));
    }

    @Test void rejectsGarbageAsBadInputNamingTheOption() {
        for (String s : new String[] {"", "x", "-1G", "12Q", "0", "lots", "-5M"}) {
            HyperlabException e = assertThrows(HyperlabException.class, () -> Sizes.parse("--memory", s, "M"));
            assertTrue(e.isUsageError());
            assertTrue(e.getMessage().startsWith("bad --memory '" + s + "'"), e.getMessage());
        }
    }

    @Test void printsForPeopleAndForTables() {
        assertEquals("512 B", Sizes.human(512));
        assertEquals("1.5 KiB", Sizes.human(1536));
        assertEquals("4 GiB", Sizes.human(4L << 30));
        assertEquals("1G", Sizes.compact(1L << 30));
        assertEquals("64M", Sizes.compact(64L << 20));
        assertEquals("-", Sizes.compact(0));
    }
}
