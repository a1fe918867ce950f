package dev.hyperlab.tui.data.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The end of a log file: a console log grows with every boot, and the view needs only its last screens. */
final class LogTail {
    private LogTail() {}

    static String read(Path file, int maxBytes) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            long from = Math.max(0, size - maxBytes);
            byte[] buf = new byte[(int) (size - from)];
            f.seek(from);
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            if (from > 0) {
                int nl = text.indexOf('\n');
                text = nl < 0 ? text : text.substring(nl + 1); // the first line was cut: drop it
            }
            return text;
        } catch (IOException e) {
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading " + file + " failed: " + e.getMessage(),
                    "try 'hyperlab vm log'", e);
        }
    }

    /** The last {@code maxBytes} (about) of already collected text, cut at a line start. */
    static String of(String text, int maxBytes) {
        if (text.length() <= maxBytes) {
            return text;
        }
        String t = text.substring(text.length() - maxBytes);
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
