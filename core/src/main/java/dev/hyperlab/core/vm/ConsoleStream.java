package dev.hyperlab.core.vm;

/** A VM's serial console as a byte stream. Reads block; close ends the session (the guest keeps running). */
public interface ConsoleStream extends AutoCloseable {
    /** Reads up to {@code buf.length} bytes; returns -1 at the end of the stream (guest stopped). */
    int read(byte[] buf);

    void write(byte[] data, int len);

    @Override void close();
}
