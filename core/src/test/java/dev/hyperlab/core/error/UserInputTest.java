package dev.hyperlab.core.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hyperlab.core.lab.GuestNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserInputTest {
    @Test
    @DisplayName("control characters are escaped and long input is cut, so an error stays one line")
    void escapesAndCuts() {
        assertEquals("web\\nrm -rf", UserInput.show("web\nrm -rf"));
        assertEquals("a\\tb\\r\\u0000\\u2028", UserInput.show("a\tb\r\u0000\u2028"));
        assertEquals("x".repeat(80) + "…", UserInput.show("x".repeat(200)));
        assertEquals("x".repeat(80), UserInput.show("x".repeat(80)));
        assertEquals("null", UserInput.show(null));
    }

    /** Found by CoreInputProperties: a name holding a newline split the error in two. */
    @Test
    @DisplayName("a guest name with a newline is refused in one line")
    void nameWithANewline() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> GuestNames.requireValid("web\nfake: line"));
        assertEquals("bad VM name 'web\\nfake: line': use 1-63 lower-case letters, digits and inner dashes (it becomes "
                + "the hostname); try e.g. 'web-1'", e.userMessage());
    }
}
