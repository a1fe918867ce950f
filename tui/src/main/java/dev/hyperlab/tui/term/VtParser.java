package dev.hyperlab.tui.term;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads what a guest writes to its terminal and plays it on a {@link VtScreen}: UTF-8 text, the
 * C0 controls, ESC sequences, CSI sequences (cursor, erase, insert and delete, scroll region,
 * modes, SGR colours and attributes, status reports), OSC strings (ignored) and the DEC line
 * drawing set. Bytes may stop anywhere, inside a character or a sequence: the state carries over.
 * Sequences it does not know are consumed whole and ignored, as a terminal does.
 *
 * <p>Answers to status reports (cursor position, device attributes) go to {@code replies}, which
 * writes them back to the guest: {@code resize} and curses programs ask.
 */
public final class VtParser {
    private enum State { GROUND, ESC, ESC_INTERMEDIATE, CSI, OSC, OSC_ESC, STRING, STRING_ESC }

    private static final int MAX_PARAMS = 16;
    /** DEC special graphics (ESC ( 0) for the characters '_' to '~': the box and line drawing set. */
    private static final String DEC_GRAPHICS =
            "\u00a0\u25c6\u2592\u2409\u240c\u240d\u240a\u00b0\u00b1\u2424\u240b\u2518\u2510\u250c\u2514\u253c"
                    + "\u23ba\u23bb\u2500\u23bc\u23bd\u251c\u2524\u2534\u252c\u2502\u2264\u2265\u03c0\u2260\u00a3\u00b7";

    private final VtScreen screen;
    private final Consumer<String> replies;
    private final Utf8Chunks utf8 = new Utf8Chunks();
    private char highSurrogate;

    private State state = State.GROUND;
    private final int[] params = new int[MAX_PARAMS];
    private int paramCount;
    private char privateMarker;
    private char intermediate;
    /** G0 and G1 are the DEC graphics set; SO selects G1, SI G0. */
    private final boolean[] graphics = new boolean[2];
    private int shift;

    public VtParser(VtScreen screen, Consumer<String> replies) {
        this.screen = screen;
        this.replies = replies;
    }

    public void feed(byte[] data, int len) {
        CharBuffer out = utf8.decode(data, len);
        while (out.hasRemaining()) {
            char c = out.get();
            if (Character.isHighSurrogate(c)) {
                highSurrogate = c;
            } else if (Character.isLowSurrogate(c) && highSurrogate != 0) {
                accept(Character.toCodePoint(highSurrogate, c));
                highSurrogate = 0;
            } else {
                accept(c);
            }
        }
    }

    public void feed(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        feed(b, b.length);
    }

    private void accept(int c) {
        if (c == 0x18 || c == 0x1a) { // CAN and SUB cancel a sequence anywhere
            state = State.GROUND;
            return;
        }
        if (c == 0x1b && state != State.OSC && state != State.STRING) {
            enter(State.ESC);
            return;
        }
        switch (state) {
            case GROUND -> ground(c);
            case ESC -> escape(c);
            case ESC_INTERMEDIATE -> escapeIntermediate(c);
            case CSI -> csiByte(c);
            case OSC -> state = c == 0x07 ? State.GROUND : c == 0x1b ? State.OSC_ESC : State.OSC;
            case OSC_ESC -> state = c == '\\' ? State.GROUND : State.OSC;
            case STRING -> state = c == 0x1b ? State.STRING_ESC : State.STRING;
            case STRING_ESC -> state = c == '\\' ? State.GROUND : State.STRING;
        }
    }

    private void enter(State s) {
        state = s;
        paramCount = 0;
        params[0] = 0;
        privateMarker = 0;
        intermediate = 0;
    }

    private void ground(int c) {
        if (c < 0x20 || c == 0x7f) {
            control(c);
        } else if (graphics[shift] && c >= '_' && c <= '~') {
            screen.print(DEC_GRAPHICS.charAt(c - '_'));
        } else {
            screen.print(c);
        }
    }

    private void control(int c) {
        switch (c) {
            case '\r' -> screen.carriageReturn();
            case '\n', 0x0b, 0x0c -> screen.lineFeed();
            case '\b' -> screen.backspace();
            case '\t' -> screen.tab(1);
            case 0x0e -> shift = 1; // SO
            case 0x0f -> shift = 0; // SI
            default -> { } // BEL, NUL, DEL and the rest draw nothing
        }
    }

    private void escape(int c) {
        state = State.GROUND;
        switch (c) {
            case '[' -> enter(State.CSI);
            case ']' -> state = State.OSC;
            case 'P', 'X', '^', '_' -> state = State.STRING; // DCS, SOS, PM, APC: consumed, ignored
            case '(', ')', '*', '+', '#', ' ', '%' -> {
                intermediate = (char) c;
                state = State.ESC_INTERMEDIATE;
            }
            case '7' -> screen.saveCursor();
            case '8' -> screen.restoreCursor();
            case 'D' -> screen.lineFeed();
            case 'E' -> {
                screen.carriageReturn();
                screen.lineFeed();
            }
            case 'M' -> screen.reverseIndex();
            case 'H' -> screen.setTab();
            case 'c' -> {
                screen.reset();
                graphics[0] = false;
                graphics[1] = false;
                shift = 0;
            }
            default -> { } // ESC = and ESC > (keypad modes) and others change nothing drawn
        }
    }

    private void escapeIntermediate(int c) {
        state = State.GROUND;
        if (intermediate == '(' || intermediate == ')') { // ESC # 8 (DECALN, vttest's) and the rest: ignored
            graphics[intermediate == '(' ? 0 : 1] = c == '0';
        }
    }

    private void csiByte(int c) {
        if (c >= '0' && c <= '9') {
            if (paramCount == 0) {
                paramCount = 1;
                params[0] = 0;
            }
            int i = paramCount - 1;
            params[i] = Math.min(99_999, params[i] * 10 + (c - '0'));
        } else if (c == ';' || c == ':') {
            if (paramCount == 0) {
                paramCount = 1;
                params[0] = 0;
            }
            if (paramCount < MAX_PARAMS) {
                params[paramCount++] = 0;
            }
        } else if (c >= '<' && c <= '?') {
            privateMarker = (char) c;
        } else if (c >= 0x20 && c <= 0x2f) {
            intermediate = (char) c;
        } else if (c >= 0x40 && c <= 0x7e) {
            state = State.GROUND;
            csi((char) c);
        } else if (c < 0x20) {
            control(c); // controls inside a sequence act at once, as on a VT100
        }
    }

    /** Parameter {@code i}, or {@code dflt} when absent or 0 (most commands count 0 as 1). */
    private int arg(int i, int dflt) {
        return i < paramCount && params[i] != 0 ? params[i] : dflt;
    }

    private void csi(char cmd) {
        if (privateMarker == '?') {
            if (cmd == 'h' || cmd == 'l') {
                for (int i = 0; i < Math.max(1, paramCount); i++) {
                    decMode(i < paramCount ? params[i] : 0, cmd == 'h');
                }
            }
            return;
        }
        if (privateMarker != 0 || intermediate != 0) {
            if (privateMarker == '>' && cmd == 'c') {
                replies.accept("\u001b[>0;10;1c"); // secondary device attributes: a VT100-class terminal
            }
            return;
        }
        switch (cmd) {
            case '@' -> screen.insertCharacters(arg(0, 1));
            case 'A' -> screen.moveVertical(-arg(0, 1));
            case 'B', 'e' -> screen.moveVertical(arg(0, 1));
            case 'C', 'a' -> screen.moveHorizontal(arg(0, 1));
            case 'D' -> screen.moveHorizontal(-arg(0, 1));
            case 'E' -> {
                screen.moveVertical(arg(0, 1));
                screen.carriageReturn();
            }
            case 'F' -> {
                screen.moveVertical(-arg(0, 1));
                screen.carriageReturn();
            }
            case 'G', '`' -> screen.moveToColumn(arg(0, 1) - 1);
            case 'H', 'f' -> screen.moveTo(arg(0, 1) - 1, arg(1, 1) - 1);
            case 'I' -> screen.tab(arg(0, 1));
            case 'J' -> screen.eraseInDisplay(paramCount > 0 ? params[0] : 0);
            case 'K' -> screen.eraseInLine(paramCount > 0 ? params[0] : 0);
            case 'L' -> screen.insertLines(arg(0, 1));
            case 'M' -> screen.deleteLines(arg(0, 1));
            case 'P' -> screen.deleteCharacters(arg(0, 1));
            case 'S' -> screen.scrollUp(arg(0, 1));
            case 'T' -> screen.scrollDown(arg(0, 1));
            case 'X' -> screen.eraseCharacters(arg(0, 1));
            case 'Z' -> screen.backTab(arg(0, 1));
            case 'c' -> replies.accept("\u001b[?1;2c"); // a VT100 with advanced video
            case 'd' -> screen.moveToRow(arg(0, 1) - 1);
            case 'g' -> screen.clearTabs(paramCount > 0 ? params[0] : 0);
            case 'h', 'l' -> {
                for (int i = 0; i < paramCount; i++) {
                    if (params[i] == 4) {
                        screen.setInsertMode(cmd == 'h');
                    }
                }
            }
            case 'm' -> Sgr.apply(screen, params, Math.max(1, paramCount));
            case 'n' -> statusReport(paramCount > 0 ? params[0] : 0);
            case 'r' -> screen.setScrollRegion(arg(0, 1), arg(1, screen.rows()));
            case 's' -> screen.saveCursor();
            case 'u' -> screen.restoreCursor();
            default -> { } // window operations (t) and the like: nothing to draw
        }
    }

    private void decMode(int mode, boolean on) {
        switch (mode) {
            case 1 -> screen.setApplicationCursorKeys(on);
            case 6 -> screen.setOriginMode(on);
            case 7 -> screen.setAutoWrap(on);
            case 25 -> screen.setCursorVisible(on);
            case 47, 1047 -> screen.useAlternateScreen(on, false);
            case 1048 -> {
                if (on) {
                    screen.saveCursor();
                } else {
                    screen.restoreCursor();
                }
            }
            case 1049 -> screen.useAlternateScreen(on, true);
            default -> { }
        }
    }

    private void statusReport(int what) {
        if (what == 5) {
            replies.accept("\u001b[0n"); // "terminal OK"
        } else if (what == 6) {
            replies.accept("\u001b[" + (screen.row() + 1) + ";" + (screen.cursorX() + 1) + "R");
        }
    }
}
