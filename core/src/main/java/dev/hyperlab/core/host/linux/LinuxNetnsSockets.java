package dev.hyperlab.core.host.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.hyperlab.core.forward.NetnsSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link NetnsSockets} on Linux: one thread per network namespace joins it once with {@code setns(2)}
 * (a thread's network namespace is its own, so the rest of the JVM stays where it is) and creates the
 * sockets there; the caller connects them. A thread left idle for {@link #IDLE} ends, so it does not
 * keep the namespace of a removed container alive (with its macvlan address) for longer than that.
 *
 * <p>Before each socket the thread reads its own namespace back ({@code /proc/thread-self/ns/net}) and
 * refuses to go on unless it is the one asked for: a socket meant for a container is never made in
 * the host's namespace, where {@code 127.0.0.1:22} would be the host's own SSH server.
 */
public final class LinuxNetnsSockets implements NetnsSockets {
    static final Duration IDLE = Duration.ofSeconds(30);
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    interface LibC extends Library {
        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);

        String strerror(int errnum);
    }

    private static volatile LibC libc;
    private final Map<String, NsThread> threads = new HashMap<>();
    private boolean closed;

    @Override
    public SocketChannel connect(int pid, InetSocketAddress to, Duration timeout) throws IOException {
        String ns = namespaceOf(pid);
        CompletableFuture<SocketChannel> made = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                throw new IOException("closed");
            }
            threads.computeIfAbsent(ns, n -> new NsThread(n, pid)).submit(made);
        }
        SocketChannel ch;
        try {
            ch = made.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            made.thenAccept(LinuxNetnsSockets::closeQuietly);
            throw new IOException("no socket from the network namespace of process " + pid + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            made.thenAccept(LinuxNetnsSockets::closeQuietly);
            throw new IOException("interrupted", e);
        }
        try {
            ch.socket().connect(to, (int) Math.max(1, timeout.toMillis()));
            return ch;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** The namespace's identity, e.g. {@code net:[4026532281]}; an IOException when the process is gone. */
    static String namespaceOf(int pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "ns", "net")).toString();
    }

    /** The calling thread's network namespace. */
    static String currentNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    /**
     * Moves the calling thread into the network namespace of {@code pid} and checks that it is {@code
     * expected} there (the process may have gone and its PID been reused in between).
     */
    static void join(int pid, String expected) throws IOException {
        LibC c = libc();
        int fd = c.open("/proc/" + pid + "/ns/net", O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("opening the network namespace of process " + pid + " failed: "
                    + c.strerror(Native.getLastError()));
        }
        try {
            if (c.setns(fd, CLONE_NEWNET) != 0) {
                throw new IOException("joining the network namespace of process " + pid + " failed: "
                        + c.strerror(Native.getLastError()));
            }
        } finally {
            c.close(fd);
        }
        String now = currentNamespace();
        if (!now.equals(expected)) {
            throw new IOException("process " + pid + " changed its network namespace (" + expected + " -> " + now + ")");
        }
    }

    private static LibC libc() {
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
        return libc;
    }

    @Override
    public synchronized void close() {
        closed = true;
        threads.values().forEach(NsThread::stop);
        threads.clear();
    }

    private synchronized boolean retire(NsThread t) {
        if (!t.queue.isEmpty()) {
            return false;
        }
        threads.remove(t.ns, t);
        return true;
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** One namespace's thread: joins it, then makes a socket for each request until idle or stopped. */
    private final class NsThread implements Runnable {
        private final String ns;
        private final int pid;
        private final LinkedBlockingQueue<CompletableFuture<SocketChannel>> queue = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile boolean stopped;

        NsThread(String ns, int pid) {
            this.ns = ns;
            this.pid = pid;
            this.thread = new Thread(null, this, "netns " + ns, 256 * 1024);
            thread.setDaemon(true);
            thread.start();
        }

        void submit(CompletableFuture<SocketChannel> f) {
            queue.add(f);
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }

        @Override public void run() {
            IOException failed = null;
            try {
                join(pid, ns);
            } catch (IOException | RuntimeException | LinkageError e) {
                failed = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            while (!stopped) {
                CompletableFuture<SocketChannel> f;
                try {
                    f = queue.poll(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (f == null) {
                    if (retire(this)) {
                        return;
                    }
                    continue;
                }
                if (failed != null) {
                    f.completeExceptionally(failed);
                    if (retire(this)) { // a thread that could not join serves nobody; the next connect tries anew
                        drainWith(failed);
                        return;
                    }
                    continue;
                }
                try {
                    if (!currentNamespace().equals(ns)) {
                        throw new IOException("the socket thread is not in " + ns + " any more");
                    }
                    f.complete(SocketChannel.open(StandardProtocolFamily.INET));
                } catch (IOException | RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }
            drainWith(new IOException("closed"));
        }

        private void drainWith(IOException e) {
            for (CompletableFuture<SocketChannel> f; (f = queue.poll()) != null; ) {
                f.completeExceptionally(e);
            }
        }
    }
}
