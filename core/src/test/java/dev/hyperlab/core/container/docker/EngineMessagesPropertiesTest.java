package dev.hyperlab.core.container.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.hyperlab.core.Gens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Whatever the engine answers, the user reads one line without 64-hex ids, and advice. */
class EngineMessagesPropertiesTest {
    private static Gen<String> engineAnswers() {
        Gen<String> id = Gens.of("0123456789abcdef", 64, 64);
        Gen<String> text = strings().allPossible().ofLengthBetween(0, 80);
        return Generate.oneOf(text,
                text.zip(id, (t, i) -> "Status 500: {\"cause\":\"x\",\"message\":\""
                        + t.replace("\\", "").replace("\"", "") + " " + i + "\",\"response\":500}"),
                text.zip(id, (t, i) -> "Status 409: " + t + "\n" + i));
    }

    @Test
    @DisplayName("an engine's answer, whatever it is, reaches the user as one line without 64-hex ids, with advice")
    void oneLineWithoutLongIds() {
        qt().withExamples(1000).forAll(engineAnswers()).checkAssert(raw -> {
            String m = EngineMessages.oneLine(raw);
            assertFalse(m.isBlank());
            assertFalse(m.contains("\n") || m.contains("\r"), m);
            assertFalse(m.matches("(?s).*\\b[0-9a-f]{64}\\b.*"), m);
            assertFalse(EngineMessages.hint(m, "box", "unix:///x").isBlank());
        });
    }
}
