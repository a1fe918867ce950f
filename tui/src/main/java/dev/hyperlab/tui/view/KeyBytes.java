package dev.hyperlab.tui.view;

import com.googlecode.lanterna.input.KeyStroke;
import java.nio.charset.StandardCharsets;

/** What a key sends down a serial line, as a VT100-style terminal sends it (the guest's getty expects that). */
final class KeyBytes {
    private static final byte ESC = 0x1b;

    private KeyBytes() {}

    /** The bytes for {@code ks}; empty for keys a serial terminal has no code for. */
    static byte[] of(KeyStroke ks) {
        return of(ks, false);
    }

    /**
     * As above; with {@code applicationCursorKeys} (DECCKM, which vi and less set) the arrows, Home
     * and End send ESC O x, as a VT100 does in that mode.
     */
    static byte[] of(KeyStroke ks, boolean applicationCursorKeys) {
        if (applicationCursorKeys) {
            String ss3 = switch (ks.getKeyType()) {
                case ArrowUp -> "A";
                case ArrowDown -> "B";
                case ArrowRight -> "C";
                case ArrowLeft -> "D";
                case Home -> "H";
                case End -> "F";
                default -> null;
            };
            if (ss3 != null) {
                return ("\u001bO" + ss3).getBytes(StandardCharsets.US_ASCII);
            }
        }
        return switch (ks.getKeyType()) {
            case Character -> character(ks);
            case Enter -> new byte[] {'\r'};
            case Backspace -> new byte[] {0x7f};
            case Tab -> new byte[] {'\t'};
            case ReverseTab -> csi("Z");
            case Escape -> new byte[] {ESC};
            case ArrowUp -> csi("A");
            case ArrowDown -> csi("B");
            case ArrowRight -> csi("C");
            case ArrowLeft -> csi("D");
            case Home -> csi("H");
            case End -> csi("F");
            case Insert -> csi("2~");
            case Delete -> csi("3~");
            default -> new byte[0];
        };
    }

    private static byte[] character(KeyStroke ks) {
        char c = ks.getCharacter();
        if (ks.isCtrlDown()) {
            char u = Character.toUpperCase(c);
            if (u >= '@' && u <= '_') {
                return prefixAlt(ks, new byte[] {(byte) (u - '@')}); // Ctrl-C is 0x03
            }
            if (c == ' ') {
                return prefixAlt(ks, new byte[] {0});
            }
            return new byte[0];
        }
        return prefixAlt(ks, String.valueOf(c).getBytes(StandardCharsets.UTF_8));
    }

    /** Alt sends ESC first (xterm's metaSendsEscape). */
    private static byte[] prefixAlt(KeyStroke ks, byte[] b) {
        if (!ks.isAltDown()) {
            return b;
        }
        byte[] out = new byte[b.length + 1];
        out[0] = ESC;
        System.arraycopy(b, 0, out, 1, b.length);
        return out;
    }

    private static byte[] csi(String tail) {
        return ("\u001b[" + tail).getBytes(StandardCharsets.US_ASCII);
    }
}
