package dev.hyperlab.tui.view;

import dev.hyperlab.tui.term.Utf8Chunks;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A serial console's output as lines of plain text: what a guest prints is meant for a terminal
 * (colours, "clear to end of line", carriage returns for progress, backspace when a user erases),
 * but the view shows text, so the buffer interprets the few things that change which characters
 * are on a line and drops the rest. Bytes may stop anywhere, even inside a UTF-8 character or an
 * escape sequence: the state carries over to the next {@link #append}.
 *
 * <p>Not thread-safe: the GUI thread owns it; readers hand it copies of what they read.
 */
final class TermBuffer {
    private enum State { TEXT, ESC, CSI, OSC, OSC_ESC }

    private final int maxLines;
    private final List<StringBuilder> lines = new ArrayList<>();
    private final Utf8Chunks utf8 = new Utf8Chunks();
    private State state = State.TEXT;
    private final StringBuilder csi = new StringBuilder();
    private int column;
    /** Lines dropped from the top since the start (so a view can keep its place while scrolled back). */
    private long dropped;

    /** @param maxLines how much scroll-back is kept */
    TermBuffer(int maxLines) {
        this.maxLines = maxLines;
        lines.add(new StringBuilder());
    }

    void append(byte[] data, int len) {
        CharBuffer out = utf8.decode(data, len);
        while (out.hasRemaining()) {
            put(out.get());
        }
    }

    void append(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        append(b, b.length);
    }

    private void put(char c) {
        switch (state) {
            case ESC -> {
                state = c == '[' ? State.CSI : c == ']' ? State.OSC : State.TEXT; // other ESC x: drop both
                csi.setLength(0);
            }
            case CSI -> {
                if (c >= 0x40 && c <= 0x7e) {
                    state = State.TEXT;
                    csi(c);
                } else {
                    csi.append(c);
                }
            }
            case OSC -> { // a window title and the like: up to BEL or ESC \
                if (c == 0x07) {
                    state = State.TEXT;
                } else if (c == 0x1b) {
                    state = State.OSC_ESC;
                }
            }
            case OSC_ESC -> state = c == '\\' ? State.TEXT : State.OSC;
            case TEXT -> text(c);
        }
    }

    private void text(char c) {
        StringBuilder line = lines.get(lines.size() - 1);
        switch (c) {
            case 0x1b -> state = State.ESC;
            case '\n' -> newLine();
            case '\r' -> column = 0;
            case '\b' -> column = Math.max(0, column - 1);
            case '\t' -> {
                int to = (column / 8 + 1) * 8;
                while (column < to) {
                    write(line, ' ');
                }
            }
            default -> {
                if (c >= 0x20 && c != 0x7f) {
                    write(line, c);
                }
            }
        }
    }

    private void write(StringBuilder line, char c) {
        while (line.length() < column) {
            line.append(' ');
        }
        if (column < line.length()) {
            line.setCharAt(column, c);
        } else {
            line.append(c);
        }
        column++;
    }

    /** The sequences that change the text of the current line; colours, cursor moves up and the like are dropped. */
    private void csi(char command) {
        StringBuilder line = lines.get(lines.size() - 1);
        String arg = csi.toString();
        switch (command) {
            case 'K' -> { // erase in line: 0 = to the end, 1 = to the start, 2 = all
                if (arg.isEmpty() || arg.equals("0")) {
                    line.setLength(Math.min(line.length(), column));
                } else if (arg.equals("2")) {
                    line.setLength(0);
                } else if (arg.equals("1")) {
                    for (int i = 0; i < Math.min(column, line.length()); i++) {
                        line.setCharAt(i, ' ');
                    }
                }
            }
            case 'G' -> column = Math.max(0, parse(arg, 1) - 1); // to column n
            case 'C' -> column += Math.max(1, parse(arg, 1));
            case 'D' -> column = Math.max(0, column - Math.max(1, parse(arg, 1)));
            default -> { }
        }
    }

    private static int parse(String arg, int dflt) {
        try {
            return arg.isEmpty() ? dflt : Integer.parseInt(arg.split(";")[0]);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private void newLine() {
        lines.add(new StringBuilder());
        column = 0;
        if (lines.size() > maxLines) {
            lines.remove(0);
            dropped++;
        }
    }

    /** How many lines there are, the last (possibly empty, being written) one included. */
    int size() { return lines.size(); }

    String line(int i) { return lines.get(i).toString(); }

    /** Where the next character goes: the last line, at this column. */
    int column() { return column; }

    long dropped() { return dropped; }

    /** Every line, for tests. */
    List<String> lines() {
        List<String> out = new ArrayList<>(lines.size());
        for (StringBuilder sb : lines) {
            out.add(sb.toString());
        }
        return out;
    }
}
