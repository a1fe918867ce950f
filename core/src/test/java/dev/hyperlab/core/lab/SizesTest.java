package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyperlab.core.error.HyperlabException;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test void parsesUnits() {
        assertEquals(512L << 20, Sizes.parse("m", "512M", "M"));
        assertEquals(512L << 20, Sizes.parse("m", "512", "M"));
        assertEquals(2L << 30, Sizes.parse("d", "2G", "M"));
        assertEquals(2L << 30, Sizes.parse("d", "2GiB", "M"));
        assertEquals(3L << 29, Sizes.parse("d", "1.5g", "M"));
        assertEquals(10L << 30, Sizes.parse("d", "10", "G"));
    }

    @Test void rejectsGarbageAsBadInput() {
        for (String s : new String[] {"", "x", "-1G", "12Q", "0"}) {
            HyperlabException e = assertThrows(HyperlabException.class, () -> Sizes.parse("--memory", s, "M"));
            assertEquals(true, e.isUsageError());
        }
    }

    @Test void names() {
        GuestNames.requireValid("web-1");
        assertThrows(HyperlabException.class, () -> GuestNames.requireValid("-web"));
        assertThrows(HyperlabException.class, () -> GuestNames.requireValid("a/b"));
        assertThrows(HyperlabException.class, () -> GuestNames.requireValid("x".repeat(64)));
        GuestNames.requireValidSnapshot("before-upgrade_1.2");
        assertThrows(HyperlabException.class, () -> GuestNames.requireValidSnapshot("../x"));
    }
}
