package dev.hyperlab.tui.view;

import dev.hyperlab.core.vm.ConsoleStream;
import dev.hyperlab.tui.data.LineConsole;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The console lines a boot watcher reads while it follows a VM's boot. libvirt gives a console to
 * one reader at a time (a second one takes it over, and the watcher's failed read would end the
 * create), so a console view opened during the boot reads this feed instead: what was read so far,
 * then each new line, until the boot is over and the console is free. Thread-safe.
 */
final class BootFeed {
    private static final int BACKLOG = 2000;

    private final Deque<String> backlog = new ArrayDeque<>();
    private final List<LineConsole> readers = new ArrayList<>();
    private boolean ended;

    /** A line the watcher read (on its reader thread). */
    synchronized void line(String line) {
        if (ended) {
            return;
        }
        backlog.addLast(line);
        if (backlog.size() > BACKLOG) {
            backlog.removeFirst();
        }
        for (LineConsole r : readers) {
            r.line(line);
        }
    }

    /** The boot is over (ready or failed): the watcher let go of the console. */
    synchronized void end() {
        ended = true;
        for (LineConsole r : readers) {
            r.end();
        }
        readers.clear();
    }

    synchronized boolean ended() { return ended; }

    /**
     * A read-only stream: the backlog, then live lines; it ends with the boot. Read-only because
     * the watcher holds the console: keys cannot reach the guest until the boot is over.
     */
    synchronized ConsoleStream open() {
        LineConsole reader = new LineConsole() {
            @Override
            public void close() {
                synchronized (BootFeed.this) {
                    readers.remove(this);
                }
                this.end(); // this reader's stream, not the feed
            }
        };
        for (String l : backlog) {
            reader.line(l);
        }
        if (ended) {
            reader.end();
        } else {
            readers.add(reader);
        }
        return reader;
    }
}
