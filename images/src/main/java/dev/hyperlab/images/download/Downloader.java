package dev.hyperlab.images.download;

import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ImageException.Kind;
import dev.hyperlab.images.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a URL into a partial file that survives interruptions: a later call (or a retry after a
 * dropped connection) asks only for the missing bytes with an HTTP Range request, guarded by
 * If-Range with the validator (ETag or Last-Modified) the first response gave, so a file that
 * changed on the server is fetched again from the start instead of being spliced.
 */
public final class Downloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient http;
    private final Clock clock;
    private final ProgressListener progress;
    private final int attempts;
    private final Duration retryDelay;

    public Downloader(Clock clock, ProgressListener progress) {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build(), clock, progress, 4, Duration.ofSeconds(2));
    }

    public Downloader(HttpClient http, Clock clock, ProgressListener progress, int attempts, Duration retryDelay) {
        this.http = http;
        this.clock = clock;
        this.progress = progress;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
    }

    /** Fetches a small text file (a checksum list) into memory. */
    public String fetchText(URI uri) {
        checkScheme(uri);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw httpError(uri, r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new ImageException(Kind.UNAVAILABLE, "download of " + uri + " failed: " + e
                    + "; try again when the server is reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImageException.failed("download of " + uri + " interrupted", e);
        }
    }

    /**
     * Downloads {@code uri} into {@code partial}, resuming from the bytes already there, retrying a
     * dropped connection a few times. Returns when the file is complete (length as announced by the
     * server); what it contains is for the caller to verify.
     */
    public void download(URI uri, Path partial) {
        checkScheme(uri);
        Path validatorFile = partial.resolveSibling(partial.getFileName() + ".validator");
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                if (fetchOnce(uri, partial, validatorFile)) {
                    Files.deleteIfExists(validatorFile);
                    return;
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ImageException.failed("download of " + uri + " interrupted; run the same pull again to resume", e);
            }
            if (attempt < attempts) {
                sleep(retryDelay.multipliedBy(attempt));
            }
        }
        long have = size(partial);
        throw new ImageException(Kind.UNAVAILABLE, "download of " + uri + " failed after " + attempts + " attempts ("
                + have + " bytes kept): " + (last == null ? "the body ended early" : last.toString())
                + "; try the same pull again to resume");
    }

    /** One request; true when the file is complete, false when the body ended early (resume). */
    private boolean fetchOnce(URI uri, Path partial, Path validatorFile) throws IOException, InterruptedException {
        long have = size(partial);
        Optional<String> validator = Files.exists(validatorFile) ? Optional.of(Files.readString(validatorFile)) : Optional.empty();
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET();
        if (have > 0 && validator.isPresent()) {
            req.header("Range", "bytes=" + have + "-").header("If-Range", validator.get());
        } else {
            have = 0;
        }
        HttpResponse<InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = r.statusCode();
        long total;
        boolean append;
        if (status == 206) {
            Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                r.body().close();
                Files.deleteIfExists(partial); // a range we did not ask for: start over next attempt
                Files.deleteIfExists(validatorFile);
                return false;
            }
            total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            append = true;
        } else if (status == 200) {
            total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            append = false;
            have = 0;
            Optional<String> v = r.headers().firstValue("ETag").or(() -> r.headers().firstValue("Last-Modified"));
            if (v.isPresent()) {
                Files.writeString(validatorFile, v.get());
            } else {
                Files.deleteIfExists(validatorFile); // the server cannot tell versions apart: no resume
            }
        } else if (status == 416 && have > 0) {
            r.body().close();
            Files.deleteIfExists(partial);
            Files.deleteIfExists(validatorFile);
            return false;
        } else {
            r.body().close();
            throw httpError(uri, status);
        }
        TransferMeter meter = new TransferMeter("download", clock, Duration.ofMillis(250), progress, have);
        meter.total(total);
        try (InputStream in = r.body();
             OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                meter.add(n);
            }
        } finally {
            meter.finish();
        }
        long now = size(partial);
        return total < 0 || now == total;
    }

    private static void checkScheme(URI uri) {
        String s = uri.getScheme();
        if (!"https".equalsIgnoreCase(s) && !"http".equalsIgnoreCase(s)) {
            throw ImageException.badInput("cannot download " + uri + ": only http and https URLs; "
                    + "try hyperlab image import FILE for local files");
        }
    }

    private static ImageException httpError(URI uri, int status) {
        return new ImageException(status == 404 ? Kind.NOT_FOUND : Kind.UNAVAILABLE, "download of " + uri
                + " failed: HTTP " + status + (status == 404 ? "; try hyperlab image pull --help for the catalog, "
                + "or check the URL" : "; try again later"));
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
