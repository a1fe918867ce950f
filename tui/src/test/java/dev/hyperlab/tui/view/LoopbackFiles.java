package dev.hyperlab.tui.view;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on 127.0.0.1 serving files from memory. A gated file sends its first half, then
 * waits until the test opens the gate: a download the screen can be looked at while it is going on.
 */
final class LoopbackFiles implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    final CountDownLatch halfSent = new CountDownLatch(1);

    LoopbackFiles() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    void put(String path, byte[] body) {
        files.put(path, body);
    }

    /** Serves {@code body} in two halves with a pause between them; returns the gate that ends the pause. */
    CountDownLatch putGated(String path, byte[] body) {
        files.put(path, body);
        CountDownLatch gate = new CountDownLatch(1);
        gates.put(path, gate);
        return gate;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = files.get(ex.getRequestURI().getPath());
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            CountDownLatch gate = gates.get(ex.getRequestURI().getPath());
            if (gate == null) {
                out.write(body);
                return;
            }
            // The first half in slices over about a second, so the client reports progress on the way.
            int half = body.length / 2;
            int slice = Math.max(1, half / 8);
            for (int off = 0; off < half; off += slice) {
                out.write(body, off, Math.min(slice, half - off));
                out.flush();
                pause(120);
            }
            halfSent.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(body, half, body.length - half);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
