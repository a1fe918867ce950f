package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code vm edit} as a user runs it: the real program in a child process with {@code EDITOR} set to
 * a script, on libvirt's test driver (its domain "test"; each process has its own driver state).
 */
class VmEditIT {
    private final HyperlabProcess hyperlab = new HyperlabProcess();

    private HyperlabProcess.Result edit(String editor) throws Exception {
        return hyperlab.run(java.time.Duration.ofMinutes(1), Map.of("EDITOR", editor, "VISUAL", ""),
                "vm", "edit", "-c", "test:///default", "test");
    }

    @Test
    @DisplayName("a change libvirt's schema takes is saved; EDITOR may carry arguments, as git allows")
    void saved() throws Exception {
        HyperlabProcess.Result r = edit("sed -i 's#<name>test</name>#<name>test</name><title>edited</title>#'");
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("saved the definition of test"), r.both());
    }

    @Test
    @DisplayName("closing the editor without a change changes nothing and says so")
    void unchanged() throws Exception {
        HyperlabProcess.Result r = edit("true");
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("no changes to test"), r.both());
    }

    @Test
    @DisplayName("XML that is not well-formed, or a rename, is refused and the old definition kept")
    void refused() throws Exception {
        for (String[] c : new String[][] {
            {"sed -i 's#</domain>##'", "not well-formed"},
            {"sed -i 's#<name>test</name>#<name>other</name>#'", "a VM is not renamed by editing it"},
            {"false", "the editor (false) exited with status 1; nothing was saved"},
        }) {
            HyperlabProcess.Result r = edit(c[0]);
            assertNotEquals(0, r.exit(), r.both());
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.both());
            if (!c[0].equals("false")) {
                assertTrue(r.err().contains("the old definition is kept"), r.both());
            }
        }
    }
}
