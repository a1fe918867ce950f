package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyperlab.core.error.HyperlabException;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test void parsesBinaryUnits() {
        assertEquals(512L << 20, Sizes.parse("512M"));
        assertEquals(512L << 20, Sizes.parse("512MiB"));
        assertEquals(3L << 29, Sizes.parse("1.5G"));
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals(1L << 10, Sizes.parse("1k"));
    }

    @Test void rejectsGarbage() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> Sizes.parse("lots"));
        assertEquals(true, e.isUsageError());
        assertThrows(HyperlabException.class, () -> Sizes.parse("-5M"));
    }

    @Test void formats() {
        assertEquals("1G", Sizes.format(1L << 30));
        assertEquals("64M", Sizes.format(64L << 20));
        assertEquals("-", Sizes.format(0));
    }
}
