package dev.hyperlab.core.vm.libvirt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** An {@link AgentChannel} straight to a qemu-ga listening on a unix socket: one JSON line each way. */
final class UnixSocketAgentChannel implements AgentChannel, AutoCloseable {
    private final SocketChannel ch;
    private final BufferedReader in;

    UnixSocketAgentChannel(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
    }

    @Override
    public String command(String json, int timeoutSeconds) {
        try {
            ch.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new AgentUnavailableException("agent closed the socket", null);
                }
            } while (line.isBlank());
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException { ch.close(); }
}
