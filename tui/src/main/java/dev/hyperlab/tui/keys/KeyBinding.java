package dev.hyperlab.tui.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Objects;

/**
 * One row of the key table: a key in a context runs an action.
 *
 * @param key     the name shown to users ("?", "Enter", "Up", "j", "Ctrl-]", "S-Tab" for Shift-Tab)
 * @param hint    a short footer label, empty to keep the binding out of the footer
 */
public record KeyBinding(String key, Context context, Action action, String description, String hint) {

    public KeyBinding {
        Objects.requireNonNull(key);
        Objects.requireNonNull(context);
        Objects.requireNonNull(action);
        Objects.requireNonNull(description);
        Objects.requireNonNull(hint);
    }

    /**
     * True when the keystroke is this binding's key (Ctrl/Alt must not be held for plain keys).
     * "Ctrl-]" is a control character: Lanterna reports 0x1d as ']' with Ctrl held.
     */
    public boolean matches(KeyStroke ks) {
        if (ks == null || ks.isAltDown()) {
            return false;
        }
        if (key.startsWith("Ctrl-") && key.length() == 6) {
            return ks.isCtrlDown() && ks.getKeyType() == KeyType.Character
                    && Character.toLowerCase(ks.getCharacter()) == key.charAt(5);
        }
        if (ks.isCtrlDown()) {
            return false;
        }
        if (ks.getKeyType() == KeyType.Character) {
            return key.length() == 1 && ks.getCharacter() == key.charAt(0);
        }
        return switch (key) {
            case "Up" -> ks.getKeyType() == KeyType.ArrowUp;
            case "Left" -> ks.getKeyType() == KeyType.ArrowLeft;
            case "Right" -> ks.getKeyType() == KeyType.ArrowRight;
            case "Tab" -> ks.getKeyType() == KeyType.Tab;
            case "S-Tab" -> ks.getKeyType() == KeyType.ReverseTab;
            case "Down" -> ks.getKeyType() == KeyType.ArrowDown;
            case "PgUp" -> ks.getKeyType() == KeyType.PageUp;
            case "PgDn" -> ks.getKeyType() == KeyType.PageDown;
            case "Home" -> ks.getKeyType() == KeyType.Home;
            case "End" -> ks.getKeyType() == KeyType.End;
            case "Enter" -> ks.getKeyType() == KeyType.Enter;
            case "Esc" -> ks.getKeyType() == KeyType.Escape;
            case "Del" -> ks.getKeyType() == KeyType.Delete;
            default -> false;
        };
    }
}
