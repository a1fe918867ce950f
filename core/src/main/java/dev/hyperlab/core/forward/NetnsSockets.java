package dev.hyperlab.core.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * TCP connections made from inside another process's network namespace: what {@code nsenter --net}
 * does for a command, for one socket. A socket belongs to the namespace it was created in for its
 * whole life, so only its creation has to happen there; the bytes can be copied on any thread.
 */
public interface NetnsSockets extends AutoCloseable {
    /**
     * A channel created in the network namespace of process {@code pid} and connected, from there, to
     * {@code to}, in blocking mode.
     *
     * @throws IOException when the process is gone, the namespace cannot be joined, or the connect fails
     */
    SocketChannel connect(int pid, InetSocketAddress to, Duration timeout) throws IOException;

    @Override
    void close();
}
