package dev.hyperlab.tui.term;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Full-screen programs in a guest draw in the console view as on a real terminal: real {@code vi}
 * and {@code less}, recorded at 80x24 while scrolling, searching and editing, with the serial
 * console's TERM (vt220, what the guest's getty sets) and with xterm (what a user who sets TERM gets:
 * the alternate screen, application keys, mouse and status queries), are replayed through the parser, and after every keystroke the screen
 * (characters, bold/underline/reverse/blink, cursor) is the one tmux shows for the same bytes.
 * {@code record.sh} next to the recordings made them and says how.
 */
public class RecordedSessionsTest {

    /** One point of a session: the bytes up to {@code offset} leave tmux's {@code rows} and cursor. */
    public record Checkpoint(int offset, int cursorX, int cursorY, List<String> text, List<String> attrs) {}

    public static List<Checkpoint> checkpoints(String name) throws IOException {
        List<String> lines = new String(VtScreenTest.resource(name), StandardCharsets.UTF_8).lines().toList();
        List<Checkpoint> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 49) {
            String[] head = lines.get(i).split(" "); // mark OFFSET cursor X,Y
            String[] xy = head[3].split(",");
            List<String> text = lines.subList(i + 1, i + 25).stream().map(l -> l.substring("text|".length())).toList();
            List<String> attrs = lines.subList(i + 25, i + 49).stream().map(l -> l.substring("attr|".length())).toList();
            out.add(new Checkpoint(Integer.parseInt(head[1]), Integer.parseInt(xy[0]), Integer.parseInt(xy[1]), text, attrs));
        }
        return out;
    }

    /** A row's attributes as record.sh writes tmux's: a hex digit a cell (1 bold, 2 underline, 4 reverse, 8 blink). */
    static String attrs(VtLine line) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < line.width(); c++) {
            long s = line.style(c);
            int d = (CellStyle.has(s, CellStyle.BOLD) ? 1 : 0) | (CellStyle.has(s, CellStyle.UNDERLINE) ? 2 : 0)
                    | (CellStyle.has(s, CellStyle.REVERSE) ? 4 : 0) | (CellStyle.has(s, CellStyle.BLINK) ? 8 : 0);
            sb.append(Character.forDigit(d, 16));
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '0') {
            end--;
        }
        return sb.substring(0, end);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'less: page down, scroll by lines, back a page, search and the next matches (reverse), to the end and back', less-80x24",
        "'vi: half a page down, search (incremental, reverse), delete a line, open one and type, undo, to the end, quit', vi-80x24",
        "'less with TERM=xterm: the same keys on the alternate screen, with keypad transmit', less-xterm-80x24",
        "'vi with TERM=xterm: the same keys on the alternate screen, with mouse, paste and status queries', vi-xterm-80x24"
    })
    void aRecordedSessionDrawsAsTmuxDrawsIt(String what, String name) throws Exception {
        byte[] rec = VtScreenTest.resource(name + ".typescript");
        VtScreen screen = new VtScreen(80, 24, 100);
        VtParser parser = new VtParser(screen, reply -> { });
        int fed = 0;
        for (Checkpoint cp : checkpoints(name + ".screens")) {
            // In odd-sized pieces: sequences cut anywhere carry over.
            while (fed < cp.offset()) {
                int end = Math.min(cp.offset(), fed + 61);
                byte[] piece = Arrays.copyOfRange(rec, fed, end);
                parser.feed(piece, piece.length);
                fed = end;
            }
            String at = name + " after byte " + cp.offset();
            List<String> text = new ArrayList<>();
            List<String> attrs = new ArrayList<>();
            for (int r = 0; r < 24; r++) {
                text.add(screen.line(r).text());
                attrs.add(attrs(screen.line(r)));
            }
            assertEquals(String.join("\n", cp.text()), String.join("\n", text), at + ": the characters");
            assertEquals(String.join("\n", cp.attrs()), String.join("\n", attrs), at + ": the attributes");
            assertEquals(cp.cursorX() + "," + cp.cursorY(), screen.cursorX() + "," + screen.cursorY(), at + ": the cursor");
        }
    }
}
