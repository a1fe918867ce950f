package dev.hyperlab.core.vm.libvirt;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.vm.ConsoleStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;

/**
 * A domain's serial console over a libvirt stream that outlives a daemon restart: when the stream
 * breaks because its connection was lost, the session waits for the reconnect, opens the console
 * again on the new connection and goes on ({@link #reconnects()} counts this; what the guest wrote
 * in the gap is not in the stream). When the stream ends on a live connection, the guest stopped.
 *
 * <p>Reads block in {@code virStreamRecv}; libvirt's client multiplexes streams on the connection,
 * so this does not hold the worker thread. One reader thread and one writer thread may use it.
 */
final class LibvirtConsole implements ConsoleStream {
    /** An open stream and the connection generation it was opened on. */
    record Opened(Stream stream, int generation) {}

    private final LibvirtConnection connection;
    private final String domain;
    /** Opens the console again (waiting for the connection up to the policy's window). */
    private final Supplier<Opened> reopen;
    private Opened current;
    /** Streams of connections that died, freed with the last one (a writer may still hold one). */
    private final List<Stream> retired = new ArrayList<>();
    private boolean closed;
    private boolean freed;
    /** Reads and writes in flight: the streams are freed only after the last one returned (else use-after-free). */
    private int inUse;
    private volatile int reconnects;

    LibvirtConsole(LibvirtConnection connection, String domain, Opened first, Supplier<Opened> reopen) {
        this.connection = connection;
        this.domain = domain;
        this.current = first;
        this.reopen = reopen;
    }

    @Override public int reconnects() { return reconnects; }

    @Override public int read(byte[] buf) {
        while (true) {
            Opened o = enter();
            if (o == null) {
                return -1;
            }
            LibvirtException error = null;
            try {
                int n = o.stream().receive(buf);
                if (n > 0) {
                    return n;
                }
            } catch (LibvirtException e) {
                error = e;
            } finally {
                leave();
            }
            // The stream ended or broke: the guest stopped, or the daemon went away under us.
            if (isClosed()) {
                return -1;
            }
            if (connection.isCurrent(o.generation())) {
                if (error == null) {
                    return -1;
                }
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "reading the console of " + domain
                        + " failed: " + LibvirtErrors.message(error), "try 'hyperlab vm log " + domain + "'", error);
            }
            Opened next;
            try {
                next = reopen.get();
            } catch (HyperlabException e) {
                if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.OPERATION_FAILED) {
                    return -1; // gone, or no longer running, once libvirtd was back
                }
                throw e;
            }
            if (!swap(o, next)) {
                return -1; // closed meanwhile
            }
            reconnects++;
        }
    }

    @Override public void write(byte[] data, int len) {
        Opened o = enter();
        if (o == null) {
            return;
        }
        try {
            int off = 0;
            while (off < len) {
                int n = o.stream().send(Arrays.copyOfRange(data, off, len));
                if (n <= 0) {
                    return;
                }
                off += n;
            }
        } catch (LibvirtException e) {
            if (connection.isCurrent(o.generation())) {
                throw new HyperlabException(ErrorCode.OPERATION_FAILED, "writing to the console of " + domain
                        + " failed: " + LibvirtErrors.message(e), null, e);
            } // else the keys are lost with the old connection; the reader is opening the console again
        } finally {
            leave();
        }
    }

    private synchronized Opened enter() {
        if (closed) {
            return null;
        }
        inUse++;
        return current;
    }

    private synchronized void leave() {
        inUse--;
        freeIfDone();
    }

    private synchronized boolean isClosed() { return closed; }

    private synchronized boolean swap(Opened old, Opened next) {
        if (closed) {
            abortAndFree(next.stream());
            return false;
        }
        retired.add(old.stream());
        current = next;
        return true;
    }

    private void abortAndFree(Stream s) {
        try {
            s.abort();
        } catch (LibvirtException ignored) {
            // already closed by the other end
        }
        connection.free(s);
    }

    @Override public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            current.stream().abort(); // wakes a blocked read, which then frees the stream
        } catch (LibvirtException ignored) {
            // already closed by the other end
        }
        freeIfDone();
    }

    private void freeIfDone() {
        if (closed && inUse == 0 && !freed) {
            freed = true;
            connection.free(current.stream());
            retired.forEach(connection::free);
            retired.clear();
        }
    }
}
