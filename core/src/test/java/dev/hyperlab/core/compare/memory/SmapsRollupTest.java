package dev.hyperlab.core.compare.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import org.junit.jupiter.api.Test;

class SmapsRollupTest {
    static final String SAMPLE = """
            55f629c30000-7ffcb8fb5000 ---p 00000000 00:00 0                          [rollup]
            Rss:                1732 kB
            Pss:                 222 kB
            Pss_Dirty:           116 kB
            Pss_Anon:            116 kB
            Shared_Clean:       1576 kB
            """;

    @Test
    void parsesRssAndPssInBytes() {
        SmapsRollup s = SmapsRollup.parse(SAMPLE);
        assertEquals(1732L * 1024, s.rssBytes());
        assertEquals(222L * 1024, s.pssBytes());
    }

    @Test
    void readsThisJvmFromProc() {
        SmapsRollup s = SmapsRollup.read(ProcessHandle.current().pid());
        assertTrue(s.rssBytes() > 10L << 20, "a JVM holds more than 10 MiB: " + s);
        assertTrue(s.pssBytes() > 0 && s.pssBytes() <= s.rssBytes(), s.toString());
    }

    @Test
    void missingProcessIsAUserError() {
        assertThrows(HyperlabException.class, () -> SmapsRollup.read(Integer.MAX_VALUE));
    }

    @Test
    void rejectsTextWithoutFields() {
        assertThrows(IllegalArgumentException.class, () -> SmapsRollup.parse("nothing"));
    }
}
