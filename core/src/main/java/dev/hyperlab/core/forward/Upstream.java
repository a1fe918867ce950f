package dev.hyperlab.core.forward;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Where one forward's clients go: a new connection to the guest's port for each client. */
@FunctionalInterface
public interface Upstream {
    /** A connected channel in blocking mode, or an exception saying why the guest did not answer. */
    SocketChannel connect() throws IOException;
}
