package dev.hyperlab.images.download;

import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ImageException.Kind;
import dev.hyperlab.images.Progress;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.archive.Limits;
import dev.hyperlab.images.archive.Unpacker;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.catalog.ChecksumFile;
import dev.hyperlab.images.store.Digests;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hyperlab image pull NAME|URL}: download (resumable), verify against the published
 * checksum, unpack/convert, and only then move into the store. A partial download stays in
 * {@code STORE/downloads/} so the next pull resumes it; a file that fails verification is deleted.
 */
public final class ImagePuller {
    /** What to pull: a catalog entry, or a URL with its checksum given by file or by value. */
    public record Request(String nameOrUrl, String name, URI checksumUrl, String algorithm, String expectedHex) {
        public static Request of(String nameOrUrl) {
            return new Request(nameOrUrl, null, null, null, null);
        }
    }

    private final ImageStore store;
    private final Catalog catalog;
    private final Downloader downloader;
    private final Clock clock;
    private final ProgressListener progress;
    private final Limits limits;

    public ImagePuller(ImageStore store, Catalog catalog, Downloader downloader, Clock clock, ProgressListener progress,
                       Limits limits) {
        this.store = store;
        this.catalog = catalog;
        this.downloader = downloader;
        this.clock = clock;
        this.progress = progress;
        this.limits = limits;
    }

    public static ImagePuller standard(ImageStore store, ProgressListener progress) {
        Clock clock = Clock.systemUTC();
        return new ImagePuller(store, Catalog.builtIn(), new Downloader(clock, progress), clock, progress, Limits.DEFAULT);
    }

    public ImageRecord pull(Request req) {
        CatalogEntry entry = resolve(req);
        String name = ImageStore.validName(req.name() != null ? req.name() : entry.name());
        if (store.find(name).isPresent()) {
            throw new ImageException(Kind.CONFLICT, "pull of " + entry.url() + " failed: image " + name
                    + " exists already; try hyperlab image rm " + name + " first, or --name OTHER");
        }
        Instant start = clock.instant();
        ChecksumFile.Entry expected = expected(req, entry);
        Path partial = partialFile(entry.url());
        progress.onProgress(Progress.phase("download", Duration.ZERO, entry.url().toString()));
        downloader.download(entry.url(), partial);

        progress.onProgress(Progress.phase("verify", Duration.between(start, clock.instant()), expected.algorithm()));
        String actual;
        try {
            actual = Digests.hex(expected.algorithm(), partial);
        } catch (IOException e) {
            throw ImageException.failed("pull of " + entry.url() + " failed: " + e.getMessage(), e);
        }
        if (!actual.equalsIgnoreCase(expected.hex())) {
            deleteQuietly(partial);
            throw new ImageException(Kind.FAILED, "pull of " + entry.url() + " failed: " + expected.algorithm()
                    + " mismatch (expected " + expected.hex() + ", got " + actual + "); the download was deleted; "
                    + "try again, and check the URL and checksum if it fails again");
        }

        progress.onProgress(Progress.phase("unpack", Duration.between(start, clock.instant()), entry.format()));
        try (ImageStore.Staging stage = store.staging()) {
            Unpacker.Staged s = new Unpacker(stage.dir(), limits).unpack(partial, "image from " + entry.url());
            String role = s.format() == dev.hyperlab.images.store.ImageFormat.QCOW2 ? ImageRecord.DISK : ImageRecord.ROOTFS;
            Map<String, String> labels = new java.util.HashMap<>(Map.of("download."
                    + expected.algorithm().toLowerCase(Locale.ROOT).replace("-", ""), expected.hex()));
            if (entry.facts() != null) {
                labels.putAll(entry.facts().toLabels());
            }
            if (s.format() == dev.hyperlab.images.store.ImageFormat.QCOW2) {
                labels.putAll(dev.hyperlab.images.firmware.FirmwareDetector.labels(s.file()));
            }
            ImageRecord rec = store.commit(new ImageStore.NewImage(name, s.format(), s.virtualSize(), entry.url().toString(),
                    Map.of(role, s.file()), labels), false);
            deleteQuietly(partial);
            progress.onProgress(Progress.phase("done", Duration.between(start, clock.instant()), name));
            return rec;
        }
    }

    private CatalogEntry resolve(Request req) {
        String s = req.nameOrUrl();
        if (s.startsWith("http://") || s.startsWith("https://")) {
            URI uri = parseUrl(s);
            if (req.checksumUrl() == null && req.expectedHex() == null) {
                throw ImageException.badInput("pull of " + s + " failed: no checksum to verify it against; "
                        + "try --checksum-url URL (a SHA256SUMS/SHA512SUMS file) or --sha256 HEX");
            }
            CatalogEntry tmp = new CatalogEntry("x", "", uri, req.checksumUrl(), algorithmOrDefault(req), "auto", "x86_64");
            String derived = dev.hyperlab.images.archive.ImageImporter.nameFrom(Path.of(tmp.fileName().isEmpty()
                    ? "image" : tmp.fileName()));
            return new CatalogEntry(derived, "", uri, req.checksumUrl(), algorithmOrDefault(req), "auto", "x86_64");
        }
        if (s.contains("://")) {
            throw ImageException.badInput("pull of " + shown(s) + " failed: only http and https URLs; "
                    + "try hyperlab image import FILE for local files");
        }
        return catalog.get(s);
    }

    /** An http(s) URL the user typed; anything URI cannot parse, or without a host, is bad input (exit 2). */
    public static URI parseUrl(String s) {
        try {
            URI uri = new URI(s);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw ImageException.badInput("pull of " + shown(s) + " failed: not an http(s) URL with a host; "
                        + "try e.g. https://example.org/disk.qcow2");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw ImageException.badInput("pull of " + shown(s) + " failed: not a valid URL (" + e.getReason() + " at index "
                    + e.getIndex() + "); try quoting it, with spaces written as %20");
        }
    }

    /** The user's text in a one-line message: control characters (a newline) shown as '?'. */
    private static String shown(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static String algorithmOrDefault(Request req) {
        if (req.algorithm() != null) {
            return req.algorithm();
        }
        return req.expectedHex() != null && req.expectedHex().length() == 128 ? "SHA-512" : "SHA-256";
    }

    private ChecksumFile.Entry expected(Request req, CatalogEntry entry) {
        if (req.expectedHex() != null) {
            String hex = req.expectedHex().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}|[0-9a-f]{128}")) {
                throw ImageException.badInput("pull failed: '" + req.expectedHex() + "' is not a SHA-256 or SHA-512 "
                        + "hex digest; try the value from the distribution's checksum file");
            }
            return new ChecksumFile.Entry(hex.length() == 64 ? "SHA-256" : "SHA-512", hex);
        }
        progress.onProgress(Progress.phase("checksum", Duration.ZERO, entry.checksumUrl().toString()));
        ChecksumFile sums = ChecksumFile.parse(downloader.fetchText(entry.checksumUrl()));
        ChecksumFile.Entry e = sums.find(entry.fileName()).orElseThrow(() -> new ImageException(Kind.FAILED,
                "pull of " + entry.url() + " failed: " + entry.checksumUrl() + " lists no checksum for "
                        + entry.fileName() + "; try again later (the mirror may be updating)"));
        if (entry.algorithm() != null && !entry.algorithm().equals(e.algorithm())) {
            throw new ImageException(Kind.FAILED, "pull of " + entry.url() + " failed: expected a " + entry.algorithm()
                    + " checksum but the file has " + e.algorithm() + "; try updating hyperlab's catalog");
        }
        return e;
    }

    private Path partialFile(URI url) {
        try {
            Path dir = store.root().resolve("downloads");
            Files.createDirectories(dir);
            String key = java.util.HexFormat.of().formatHex(Digests.newDigest("SHA-256")
                    .digest(url.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 24);
            return dir.resolve(key + ".part");
        } catch (IOException e) {
            throw ImageException.failed("pull failed: cannot create the download directory: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
            Files.deleteIfExists(p.resolveSibling(p.getFileName() + ".validator"));
        } catch (IOException ignored) {
            // best effort
        }
    }
}
