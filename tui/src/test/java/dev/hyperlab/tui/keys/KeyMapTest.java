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
    void controlKeysMatchOnlyWithCtrlHeld() {
        KeyStroke ctrlBracket = new KeyStroke(']', true, false); // what Lanterna decodes 0x1d to
        assertEquals(Optional.of(Action.CLOSE), KeyMap.lookup(Context.CONSOLE, ctrlBracket));
        assertEquals(Optional.empty(), KeyMap.lookup(Context.CONSOLE, new KeyStroke(']', false, false)),
                "a plain ] goes to the guest");
        assertEquals(Optional.empty(), KeyMap.lookup(Context.CONSOLE, new KeyStroke('c', true, false)),
                "Ctrl-C in the console is the guest's");
        assertEquals(Optional.of(Action.QUIT), KeyMap.lookup(Context.LIST, new KeyStroke('c', true, false)));
        assertEquals(Optional.of(Action.CREATE), KeyMap.lookup(Context.LIST, new KeyStroke('c', false, false)));
        assertEquals(Optional.of(Action.PREVIOUS_FIELD), KeyMap.lookup(Context.WIZARD, new KeyStroke(KeyType.ReverseTab)));
        assertEquals(Optional.empty(), KeyMap.lookup(Context.WIZARD, new KeyStroke('?', false, false)),
                "in the wizard, ? is text for a field");
    }

    @Test
    void guestViewsHaveTheirFooters() {
        assertEquals("Ctrl-]:back  PgUp:scroll", KeyMap.footer(Context.CONSOLE));
        assertEquals("Esc:back  PgUp:scroll  End:follow", KeyMap.footer(Context.OUTPUT));
        assertEquals("c:take  r:revert  d:delete  Esc:back", KeyMap.footer(Context.SNAPSHOTS));
    }

    @Test
    void labsHaveTheirKeysAndFooters() {
        assertEquals(Optional.of(Action.OPEN_LABS), KeyMap.lookup(Context.LIST, new KeyStroke('L', false, false)));
        assertEquals(Optional.of(Action.GROUP_BY_LAB), KeyMap.lookup(Context.LIST, new KeyStroke('v', false, false)));
        assertEquals("?:help  Esc:back  u:up  d:down  Enter:guests  r:reload", KeyMap.footer(Context.LABS));
        assertEquals(Optional.of(Action.HELP), KeyMap.lookup(Context.LABS, new KeyStroke('?', false, false)),
                "the labs view is a view: ? helps there");
        assertEquals(Optional.of(Action.CANCEL), KeyMap.lookup(Context.LAB_BOARD, new KeyStroke('c', true, false)),
                "Ctrl-C on the board cancels the up, as it does 'hyperlab up'");
        assertEquals("Esc:cancel  Enter:hide", KeyMap.footer(Context.LAB_BOARD));
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
