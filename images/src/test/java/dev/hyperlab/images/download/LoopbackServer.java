package dev.hyperlab.images.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port) serving generated files, with ranges and ETags,
 * and misbehaving on purpose: truncated bodies, a connection dropped mid-download, 404.
 */
final class LoopbackServer implements AutoCloseable {
    enum Mode { NORMAL, TRUNCATE_ALWAYS, DROP_FIRST }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    void put(String path, byte[] body, Mode mode) {
        files.put(path, body);
        modes.put(path, mode);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        byte[] body = files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        Mode mode = modes.get(path);
        int from = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        String etag = "\"v1-" + body.length + "\"";
        ex.getResponseHeaders().add("ETag", etag);
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        if (m != null && m.matches() && etag.equals(ex.getRequestHeaders().getFirst("If-Range"))) {
            from = Integer.parseInt(m.group(1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        OutputStream out = ex.getResponseBody();
        boolean firstTry = requests.stream().filter(r -> r.startsWith(path)).count() == 1;
        if (mode == Mode.TRUNCATE_ALWAYS || (mode == Mode.DROP_FIRST && firstTry)) {
            int half = from + (body.length - from) / 2;
            out.write(body, from, half - from);
            out.flush();
            ex.close(); // fewer bytes than announced: the client sees the connection end early
            return;
        }
        out.write(body, from, body.length - from);
        out.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
