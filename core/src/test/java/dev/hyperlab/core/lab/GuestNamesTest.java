package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyperlab.core.error.HyperlabException;
import org.junit.jupiter.api.Test;

class GuestNamesTest {
    @Test void names() {
        GuestNames.requireValid("web-1");
        assertThrows(HyperlabException.class, () -> GuestNames.requireValid("-web"));
        assertThrows(HyperlabException.class, () -> GuestNames.requireValid("a/b"));
        assertThrows(HyperlabException.class, () -> GuestNames.requireValid("x".repeat(64)));
        GuestNames.requireValidSnapshot("before-upgrade_1.2");
        assertThrows(HyperlabException.class, () -> GuestNames.requireValidSnapshot("../x"));
    }
}
