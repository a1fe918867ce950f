package dev.hyperlab.tui;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * While the screen is up nothing may write to the terminal: JUL goes to a file and System.out/err
 * are swapped for the same file, so a stray print cannot tear the screen. {@link #close} restores them.
 */
public final class TuiLog implements AutoCloseable {
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final Handler[] rootHandlers;
    private final FileHandler file;
    private final Path path;

    private TuiLog(Path path, FileHandler file, Handler[] rootHandlers) {
        this.path = path;
        this.file = file;
        this.rootHandlers = rootHandlers;
    }

    /** Logs to {@code dir/tui.log} (created 0700 when missing), falling back to /tmp. */
    public static TuiLog open(Path dir) throws IOException {
        Path target;
        try {
            Files.createDirectories(dir);
            target = dir.resolve("tui.log");
        } catch (IOException e) {
            target = Path.of(System.getProperty("java.io.tmpdir"), "hyperlab-tui-" + ProcessHandle.current().pid() + ".log");
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        FileHandler fh = new FileHandler(target.toString(), 1_000_000, 1, true);
        fh.setFormatter(new SimpleFormatter());
        fh.setLevel(Level.INFO);
        Logger root = Logger.getLogger("");
        Handler[] old = root.getHandlers();
        for (Handler h : old) {
            root.removeHandler(h);
        }
        root.addHandler(fh);
        TuiLog log = new TuiLog(target, fh, old);
        PrintStream toLog = new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override public synchronized void write(int b) {
                if (b == '\n') {
                    Logger.getLogger("stdio").info(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true);
        System.setOut(toLog);
        System.setErr(toLog);
        return log;
    }

    public Path path() { return path; }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        Logger root = Logger.getLogger("");
        root.removeHandler(file);
        file.close();
        for (Handler h : rootHandlers) {
            root.addHandler(h);
        }
    }
}
