package dev.hyperlab.cloudinit.render;

import static org.junit.jupiter.api.Assertions.*;

import dev.hyperlab.cloudinit.SampleConfigs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlCodecTest {

    @Test
    void everyTrickyStringRoundTripsExactlyAsValueKeyAndListItem() {
        for (String s : SampleConfigs.TRICKY_STRINGS) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("value", s);
            doc.put("list", List.of(s, "plain"));
            doc.put("nested", Map.of("k", s));
            if (!s.isEmpty()) {
                doc.put(s, "as key");
            }
            String yaml = YamlCodec.dump(doc);
            assertEquals(doc, YamlCodec.load(yaml), () -> "round trip of " + escape(s) + " through:\n" + yaml);
        }
    }

    @Test
    void ambiguousScalarsAreQuotedNotPlain() {
        for (String s : List.of("yes", "no", "0755", "1e3", "~", "*star", "on", "null", "12:30")) {
            String yaml = YamlCodec.dump(Map.of("k", s));
            assertTrue(yaml.equals("k: '" + s + "'\n"), yaml);
        }
        assertEquals("k: hello\n", YamlCodec.dump(Map.of("k", "hello")));
    }

    @Test
    void multiLineIsLiteralBlockAndUnicodeStaysReadable() {
        assertEquals("k: |\n  line1\n  line2\n", YamlCodec.dump(Map.of("k", "line1\nline2\n")));
        String yaml = YamlCodec.dump(Map.of("k", "caf\u00e9 \ud83d\ude80"));
        assertTrue(yaml.contains("caf\u00e9 \ud83d\ude80"), yaml);
    }

    @Test
    void loaderReadsScalarsLikePyYaml() {
        Map<?, ?> m = (Map<?, ?>) YamlCodec.load("a: 1e3\nb: 1.5e+3\nc: 0755\nd: yes\ne: ~\nf: 0x10\ng: 1_000\n");
        assertEquals("1e3", m.get("a"), "PyYAML needs a dot and a signed exponent for a float");
        assertEquals(1500.0, m.get("b"));
        assertEquals(493, m.get("c"));
        assertEquals(Boolean.TRUE, m.get("d"));
        assertNull(m.get("e"));
        assertEquals(16, m.get("f"));
        assertEquals(1000, m.get("g"));
    }

    @Test
    void floatsAreWrittenSoPyYamlReadsFloats() {
        assertEquals("k: 1.0e+10\n", YamlCodec.dump(Map.of("k", 1.0e10)));
        assertEquals("k: 1.0e-05\n".replace("e-05", "e-5"), YamlCodec.dump(Map.of("k", 1.0e-5)));
        assertEquals(1.0e10, ((Map<?, ?>) YamlCodec.load(YamlCodec.dump(Map.of("k", 1.0e10)))).get("k"));
    }

    @Test
    void sharedObjectsAreNotWrittenAsAliases() {
        List<String> shared = List.of("a");
        String yaml = YamlCodec.dump(Map.of("x", shared, "y", shared));
        assertFalse(yaml.contains("&") || yaml.contains("*"), yaml);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c)));
        return sb.append('"').toString();
    }
}
