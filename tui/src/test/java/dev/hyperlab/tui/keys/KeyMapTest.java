package dev.hyperlab.tui.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyMapTest {

    @Test
    void keysResolveToActionsPerContext() {
        assertEquals(Optional.of(Action.HELP), KeyMap.lookup(Context.LIST, new KeyStroke('?', false, false)));
        assertEquals(Optional.of(Action.MOVE_DOWN), KeyMap.lookup(Context.LIST, new KeyStroke('j', false, false)));
        assertEquals(Optional.of(Action.MOVE_DOWN), KeyMap.lookup(Context.LIST, new KeyStroke(KeyType.ArrowDown)));
        assertEquals(Optional.of(Action.CLOSE), KeyMap.lookup(Context.HELP, new KeyStroke('?', false, false)));
        assertEquals(Optional.empty(), KeyMap.lookup(Context.LIST, new KeyStroke('j', true, false)), "Ctrl-j is not j");
        assertEquals(Optional.empty(), KeyMap.lookup(Context.CONFIRM, new KeyStroke('?', false, false)),
                "modals own their keys: no global help over a question");
    }

    @Test
    void noKeyIsBoundTwiceInOneContext() {
        Set<String> seen = new HashSet<>();
        for (KeyBinding kb : KeyMap.all()) {
            assertTrue(seen.add(kb.context() + " " + kb.key()), "bound twice: " + kb);
        }
    }

    @Test
    void everyBindingIsInTheMarkdown() {
        String md = KeyMap.markdown();
        for (KeyBinding kb : KeyMap.all()) {
            assertTrue(md.contains("`" + kb.key() + "`") && md.contains(kb.description()), kb.toString());
        }
    }

    /** docs/keybindings.md is generated: regenerate with `hyperlab keys --markdown > docs/keybindings.md`. */
    @Test
    void docsAreUpToDate() throws Exception {
        Path doc = Path.of("..", "docs", "keybindings.md");
        assertEquals(KeyMap.markdown(), Files.readString(doc),
                "docs/keybindings.md is stale: run ./hyperlab keys --markdown > docs/keybindings.md");
    }
}
