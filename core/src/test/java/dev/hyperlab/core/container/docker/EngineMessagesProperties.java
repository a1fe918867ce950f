package dev.hyperlab.core.container.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the engine answers, the user reads one line without 64-hex ids, and advice. */
class EngineMessagesProperties {
    @Provide
    Arbitrary<String> engineAnswers() {
        Arbitrary<String> id = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(80);
        return Arbitraries.oneOf(text,
                net.jqwik.api.Combinators.combine(text, id).as((t, i) -> "Status 500: {\"cause\":\"x\",\"message\":\""
                        + t.replace("\\", "").replace("\"", "") + " " + i + "\",\"response\":500}"),
                net.jqwik.api.Combinators.combine(text, id).as((t, i) -> "Status 409: " + t + "\n" + i));
    }

    @Property(tries = 1000)
    void oneLineWithoutLongIds(@ForAll("engineAnswers") String raw) {
        String m = EngineMessages.oneLine(raw);
        assertFalse(m.isBlank());
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        assertFalse(m.matches("(?s).*\\b[0-9a-f]{64}\\b.*"), m);
        assertFalse(EngineMessages.hint(m, "box", "unix:///x").isBlank());
    }
}
