package dev.hyperlab.core.vm;

/** A VM's serial console as a byte stream. Reads block; close ends the session (the guest keeps running). */
public interface ConsoleStream extends AutoCloseable {
    /** Reads up to {@code buf.length} bytes; returns -1 at the end of the stream (guest stopped). */
    int read(byte[] buf);

    void write(byte[] data, int len);

    /**
     * How often this session was carried over to a new connection after the daemon restarted.
     * Output the guest wrote in such a gap may be missing from the stream (a reader that must see
     * every line, like the boot watcher, then catches up from the console log).
     */
    default int reconnects() { return 0; }

    @Override void close();
}
