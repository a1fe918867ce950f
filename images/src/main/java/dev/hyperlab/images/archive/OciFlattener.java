package dev.hyperlab.images.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.format.DetectedFormat;
import dev.hyperlab.images.format.FormatDetector;
import dev.hyperlab.images.store.ImageFormat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Flattens an OCI image layout or a {@code docker save} archive into one rootfs tar: the outer
 * archive's files are copied into the staging directory (checked names, no links followed), the
 * manifest gives the layers, each OCI blob is checked against its digest, and the layers are
 * merged with whiteouts by {@link TarRepacker}.
 */
final class OciFlattener {
    private final Path stage;
    private final Limits limits;
    private final Unpacker unpacker;
    private final Map<String, String> links = new HashMap<>();

    OciFlattener(Path stage, Limits limits, Unpacker unpacker) {
        this.stage = stage;
        this.limits = limits;
        this.unpacker = unpacker;
    }

    Unpacker.Staged flatten(Path input, DetectedFormat compression, String what) throws IOException {
        Path root = unpacker.next("oci");
        Files.createDirectories(root);
        extractOuter(input, compression, root, what);
        List<Path> layers = Files.exists(root.resolve("manifest.json"))
                ? dockerLayers(root, what) : ociLayers(root, what);
        if (layers.isEmpty()) {
            throw ImageException.badInput(what + " rejected: its manifest lists no layers; try another image");
        }
        Path out = unpacker.next("rootfs.tar");
        long bytes;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
             TarRepacker r = new TarRepacker(os, limits, what)) {
            for (int i = layers.size() - 1; i >= 0; i--) {
                Path layer = layers.get(i);
                DetectedFormat f = FormatDetector.detect(layer);
                try (InputStream in = f.isCompressed()
                        ? Decompress.open(Files.newInputStream(layer), f)
                        : new BufferedInputStream(Files.newInputStream(layer), 1 << 16)) {
                    r.addLayer(in, true);
                }
            }
            bytes = r.bytes();
        }
        dev.hyperlab.images.store.ImageStore.deleteTree(root);
        return new Unpacker.Staged(ImageFormat.ROOTFS_TAR, out, bytes, layers.size() + " layer(s) flattened");
    }

    private void extractOuter(Path input, DetectedFormat compression, Path root, String what) throws IOException {
        long bytes = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(input), 1 << 16);
             InputStream in = compression == DetectedFormat.TAR ? raw : Decompress.open(raw, compression)) {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = PathCheck.entryName(e.getName(), what);
                if (name.isEmpty() || e.isDirectory()) {
                    continue;
                }
                if (e.isSymbolicLink()) {
                    PathCheck.symlinkTarget(name, e.getLinkName(), what);
                    links.put(name, resolveRelative(name, e.getLinkName()));
                    continue;
                }
                if (e.isLink()) {
                    links.put(name, PathCheck.hardlinkTarget(name, e.getLinkName(), what));
                    continue;
                }
                if (!PathCheck.isRegular(e)) {
                    throw ImageException.badInput(what + " rejected: entry '" + name + "' is not a regular file");
                }
                bytes += e.getSize();
                if (bytes > limits.maxBytes()) {
                    throw ImageException.badInput(what + " rejected: it unpacks to more than " + limits.maxBytes()
                            + " bytes (size limit); try a smaller archive");
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root)) {
                    throw ImageException.badInput(what + " rejected: entry '" + name + "' escapes the root");
                }
                Files.createDirectories(target.getParent());
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw ImageException.badInput(what + " rejected: entry '" + name + "' appears twice");
                }
                Files.copy(tar, target);
            }
        }
    }

    private List<Path> dockerLayers(Path root, String what) throws IOException {
        JsonNode m = Unpacker.readJson(root.resolve("manifest.json"), what);
        if (!m.isArray() || m.isEmpty() || !m.get(0).path("Layers").isArray()) {
            throw ImageException.badInput(what + " rejected: manifest.json is not a docker save manifest");
        }
        List<Path> out = new ArrayList<>();
        for (String layer : Unpacker.texts(m.get(0).path("Layers"))) {
            out.add(file(root, layer, what));
        }
        return out;
    }

    private List<Path> ociLayers(Path root, String what) throws IOException {
        JsonNode index = Unpacker.readJson(file(root, "index.json", what), what);
        JsonNode manifest = index;
        for (int hops = 0; hops < 3 && manifest.has("manifests"); hops++) {
            JsonNode first = pickManifest(manifest.path("manifests"), what);
            manifest = Unpacker.readJson(blob(root, first.path("digest").asText(), what), what);
        }
        List<Path> out = new ArrayList<>();
        for (JsonNode l : manifest.path("layers")) {
            out.add(blob(root, l.path("digest").asText(), what));
        }
        return out;
    }

    private static JsonNode pickManifest(JsonNode manifests, String what) {
        if (!manifests.isArray() || manifests.isEmpty()) {
            throw ImageException.badInput(what + " rejected: index.json lists no manifests");
        }
        for (JsonNode m : manifests) {
            JsonNode p = m.path("platform");
            if (p.isMissingNode() || ("linux".equals(p.path("os").asText()) && "amd64".equals(p.path("architecture").asText()))) {
                return m;
            }
        }
        throw ImageException.badInput(what + " rejected: no linux/amd64 image in it; try an amd64 image");
    }

    /** An OCI blob by digest, checked against that digest. */
    private Path blob(Path root, String digest, String what) throws IOException {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw ImageException.badInput(what + " rejected: unsupported digest '" + digest + "'");
        }
        Path p = file(root, "blobs/sha256/" + digest.substring(7), what);
        if (!Unpacker.sha256(p).equals(digest.substring(7))) {
            throw ImageException.badInput(what + " rejected: blob " + digest + " does not match its digest; "
                    + "try exporting the image again");
        }
        return p;
    }

    private Path file(Path root, String name, String what) {
        String n = followLinks(PathCheck.entryName(name, what));
        Path p = root.resolve(n).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw ImageException.badInput(what + " rejected: it lacks " + name + "; try exporting the image again");
        }
        return p;
    }

    /** Resolves symlinked path components of the outer archive (docker save links shared layers). */
    private String followLinks(String name) {
        String n = name;
        for (int hops = 0; hops < 16; hops++) {
            String replaced = null;
            String[] parts = n.split("/");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length && replaced == null; i++) {
                prefix.append(i == 0 ? "" : "/").append(parts[i]);
                String target = links.get(prefix.toString());
                if (target != null) {
                    String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i + 1, parts.length));
                    replaced = rest.isEmpty() ? target : target + "/" + rest;
                }
            }
            if (replaced == null) {
                return n;
            }
            n = replaced;
        }
        return n;
    }

    private static String resolveRelative(String entry, String target) {
        String base = entry.contains("/") ? entry.substring(0, entry.lastIndexOf('/') + 1) : "";
        return Path.of("/" + (target.startsWith("/") ? target.substring(1) : base + target)).normalize().toString().substring(1);
    }
}
