package dev.hyperlab.tui.view;

import dev.hyperlab.core.vm.ConsoleStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The console lines a boot watcher reads while it follows a VM's boot. libvirt gives a console to
 * one reader at a time (a second one takes it over, and the watcher's failed read would end the
 * create), so a console view opened during the boot reads this feed instead: what was read so far,
 * then each new line, until the boot is over and the console is free. Thread-safe.
 */
final class BootFeed {
    private static final int BACKLOG = 2000;
    private static final byte[] END = new byte[0];

    private final Deque<String> backlog = new ArrayDeque<>();
    private final List<BlockingQueue<byte[]>> readers = new ArrayList<>();
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
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        for (BlockingQueue<byte[]> r : readers) {
            r.add(b);
        }
    }

    /** The boot is over (ready or failed): the watcher let go of the console. */
    synchronized void end() {
        ended = true;
        for (BlockingQueue<byte[]> r : readers) {
            r.add(END);
        }
        readers.clear();
    }

    synchronized boolean ended() { return ended; }

    /** A read-only stream: the backlog, then live lines; it ends with the boot. */
    synchronized ConsoleStream open() {
        BlockingQueue<byte[]> q = new LinkedBlockingQueue<>();
        for (String l : backlog) {
            q.add((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (ended) {
            q.add(END);
        } else {
            readers.add(q);
        }
        return new ConsoleStream() {
            private byte[] pending;
            private int off;

            @Override
            public int read(byte[] buf) {
                try {
                    if (pending == null) {
                        pending = q.take();
                        off = 0;
                    }
                    if (pending == END) {
                        q.add(END);
                        pending = null;
                        return -1;
                    }
                    int n = Math.min(buf.length, pending.length - off);
                    System.arraycopy(pending, off, buf, 0, n);
                    off += n;
                    if (off == pending.length) {
                        pending = null;
                    }
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }

            /** The watcher holds the console: keys cannot reach the guest until the boot is over. */
            @Override public void write(byte[] data, int len) { }

            @Override
            public void close() {
                synchronized (BootFeed.this) {
                    readers.remove(q);
                }
                q.add(END);
            }
        };
    }
}
