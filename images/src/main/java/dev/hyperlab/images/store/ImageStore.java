package dev.hyperlab.images.store;

import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ImageException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local, content-addressed image store.
 *
 * <pre>
 *   ROOT/blobs/sha256/HEX      every artifact (disk, kernel, initrd, rootfs tar), named by its digest
 *   ROOT/records/NAME.json     one record per named image, pointing at its blobs
 *   ROOT/tmp/                  staging on the same filesystem, so moves into blobs/ are atomic
 * </pre>
 *
 * Artifacts are written elsewhere first (a staging directory from {@link #staging()}) and enter
 * the store only through {@link #commit}, by an atomic rename; the record is written last, so a
 * crash leaves at most unreferenced blobs, which the next commit or remove collects. Mutations hold
 * a file lock, so two hyperlab processes do not interleave. The two directories are
 * {@link BlobDir}'s and {@link RecordDir}'s; this class holds what spans them (commit, remove,
 * garbage collection) and the public face.
 */
public final class ImageStore {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private final Path root;
    private final BlobDir blobs;
    private final RecordDir records;

    private ImageStore(Path root) {
        this.root = root;
        this.blobs = new BlobDir(root.resolve("blobs/sha256"));
        this.records = new RecordDir(root.resolve("records"), tmp());
    }

    /** Opens (creating if needed) the store at {@code root}. */
    public static ImageStore open(Path root) {
        ImageStore s = new ImageStore(root.toAbsolutePath().normalize());
        try {
            for (Path d : List.of(s.root, s.blobs.dir(), s.records.dir(), s.tmp())) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw new ImageException(Kind.FAILED, "opening the image store failed: cannot create " + root + ": "
                    + e.getMessage() + "; try setting HYPERLAB_HOME to a writable directory", e);
        }
        return s;
    }

    /** The store under {@link DataDir#images()}. */
    public static ImageStore openDefault() {
        return open(DataDir.images());
    }

    public Path root() { return root; }

    /** Checks a user-supplied image name before anything is written. */
    public static String validName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            // A control character (a newline) in the name is shown as '?': the message stays one line.
            String shown = name == null ? null : name.replaceAll("\\p{Cntrl}", "?");
            throw ImageException.badInput("invalid image name '" + shown + "': use 1-63 lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit; try e.g. --name debian-12");
        }
        return name;
    }

    public Optional<ImageRecord> find(String name) {
        return records.find(validName(name));
    }

    public ImageRecord get(String name) {
        return find(name).orElseThrow(() -> new ImageException(Kind.NOT_FOUND,
                "image " + name + " not found; try hyperlab image list"));
    }

    /** A record file that cannot be read, and why: {@code image list} shows it, {@code image rm} removes it. */
    public record BrokenRecord(String name, String reason) {}

    /** Every record of the store: the images that read whole, and the records that do not. */
    public record Contents(List<ImageRecord> images, List<BrokenRecord> broken) {
        public Contents {
            images = List.copyOf(images);
            broken = List.copyOf(broken);
        }
    }

    /** Reads every record; one broken record is reported beside the others instead of hiding them. */
    public Contents contents() {
        return records.contents();
    }

    /** All images that read whole, by name (see {@link #contents()} for the broken ones). */
    public List<ImageRecord> list() {
        return contents().images();
    }

    /** All images with their size on disk and the guests that use them ({@code usage} is asked once per image). */
    public List<ImageListing> listing(ImageUsage usage) {
        List<ImageListing> out = new ArrayList<>();
        for (ImageRecord r : list()) {
            out.add(new ImageListing(r, diskUsage(r), usage.guestsUsing(r), problem(r, false).orElse(null)));
        }
        return out;
    }

    /**
     * Why an image cannot be used, or empty when its blobs are whole; with {@code deep} each blob is
     * hashed too. See {@link BlobCheck}.
     */
    public Optional<String> problem(ImageRecord r, boolean deep) {
        return BlobCheck.problem(r, deep, this::blob);
    }

    /** Throws a one-line error naming the image when {@link #problem} finds one: before a guest is made from it. */
    public ImageRecord requireWhole(ImageRecord r) {
        problem(r, false).ifPresent(why -> {
            throw new ImageException(Kind.FAILED, "image " + r.name() + " is broken: " + why
                    + "; try hyperlab image rm " + r.name() + ", then import or build it again");
        });
        return r;
    }

    /** The file of one artifact of an image. */
    public Path path(ImageRecord image, String role) {
        String digest = image.artifacts().get(role);
        if (digest == null) {
            throw new ImageException(Kind.NOT_FOUND, "image " + image.name() + " has no " + role
                    + "; try hyperlab image list to see its artifacts");
        }
        return blob(digest);
    }

    public Path blob(String sha256) {
        return blobs.blob(sha256);
    }

    /**
     * A fresh staging directory on the store's filesystem; close it to delete it with everything
     * still inside (files already committed were moved out).
     */
    public Staging staging() {
        try {
            return new Staging(Files.createTempDirectory(tmp(), "stage-"));
        } catch (IOException e) {
            throw new ImageException(Kind.FAILED, "image store failed: cannot create a staging directory in "
                    + tmp() + ": " + e.getMessage() + "; try freeing disk space", e);
        }
    }

    /** What {@link #commit} needs: artifact files (in a staging directory) by role. */
    public record NewImage(String name, ImageFormat format, long virtualSize, String source,
                           Map<String, Path> files, Map<String, String> labels) {
        public NewImage {
            files = new LinkedHashMap<>(files);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    /**
     * Moves the artifacts into the store and records the image, all or nothing. With
     * {@code replace} an existing image of that name is replaced (its unused blobs removed);
     * without, an existing name is a conflict and nothing is written.
     */
    public ImageRecord commit(NewImage image, boolean replace) {
        return commit(image, replace, ImageUsage.NONE);
    }

    /**
     * Like {@link #commit(NewImage, boolean)}; when replacing an image that guests still use (their
     * overlays point at its blobs), the old version is kept under {@code NAME-OLDSHA12} instead of
     * being deleted, so those guests keep working until it is removed with {@code image rm}.
     */
    public ImageRecord commit(NewImage image, boolean replace, ImageUsage usage) {
        validName(image.name());
        if (!image.files().containsKey(image.format() == ImageFormat.QCOW2 ? ImageRecord.DISK : ImageRecord.ROOTFS)) {
            throw new IllegalArgumentException("primary artifact missing: " + image.files().keySet());
        }
        try (StoreLock l = lock()) {
            Optional<ImageRecord> old = find(image.name());
            if (old.isPresent() && !replace) {
                throw new ImageException(Kind.CONFLICT, "image " + image.name() + " exists already; "
                        + "try another --name or hyperlab image rm " + image.name());
            }
            List<Path> added = new ArrayList<>();
            try {
                Map<String, String> artifacts = new LinkedHashMap<>();
                Map<String, Long> sizes = new LinkedHashMap<>();
                long diskSize = 0;
                for (Map.Entry<String, Path> e : image.files().entrySet()) {
                    Path src = e.getValue();
                    String digest = Digests.sha256(src);
                    diskSize += BlobDir.allocated(src);
                    sizes.put(e.getKey(), Files.size(src));
                    Path dst = blobs.moveIn(src, digest);
                    if (dst != null) {
                        added.add(dst);
                    }
                    artifacts.put(e.getKey(), digest);
                }
                String primary = artifacts.get(image.format() == ImageFormat.QCOW2 ? ImageRecord.DISK : ImageRecord.ROOTFS);
                ImageRecord rec = new ImageRecord(image.name(), image.format(), image.virtualSize(), diskSize,
                        image.source(), primary, Instant.now().toString(), artifacts, image.labels(), sizes);
                if (old.isPresent() && !old.get().sha256().equals(primary) && !usage.guestsUsing(old.get()).isEmpty()) {
                    ImageRecord o = old.get();
                    records.write(new ImageRecord(retiredName(o), o.format(), o.virtualSize(), o.diskSize(), o.source(),
                            o.sha256(), o.created(), o.artifacts(), o.labels(), o.sizes()));
                }
                records.write(rec);
                added.clear();
                collectGarbage();
                return rec;
            } catch (IOException e) {
                throw new ImageException(Kind.FAILED, "storing image " + image.name() + " failed: " + e
                        + "; try freeing disk space in " + root, e);
            } finally {
                for (Path p : added) {
                    deleteQuietly(p);
                }
            }
        }
    }

    /** The name an in-use image keeps when a new version replaces it. */
    public static String retiredName(ImageRecord old) {
        String base = old.name().length() > 50 ? old.name().substring(0, 50) : old.name();
        return base + "-" + old.sha256().substring(0, 12);
    }

    /**
     * Removes an image unless a guest uses it; blobs no other image references are deleted. A record
     * that cannot be read is removed as it is: no guest can be made from it.
     */
    public void remove(String name, ImageUsage usage) {
        try (StoreLock l = lock()) {
            if (records.isBroken(validName(name))) {
                records.delete(name);
                collectGarbage();
                return;
            }
            ImageRecord rec = get(name);
            List<String> users = usage.guestsUsing(rec);
            if (!users.isEmpty()) {
                throw new ImageException(Kind.CONFLICT, "image rm failed: " + name + " is used by "
                        + String.join(", ", users) + "; try removing those guests first");
            }
            records.delete(name);
            collectGarbage();
        } catch (IOException e) {
            throw new ImageException(Kind.FAILED, "image rm failed: " + e.getMessage(), e);
        }
    }

    /** Deletes blobs that no record references (left by a replaced or removed image, or a crash). */
    private void collectGarbage() throws IOException {
        Contents contents = contents();
        if (!contents.broken().isEmpty()) {
            return; // which blobs a broken record points at is unknown: keep them all until it is removed
        }
        Set<String> used = new HashSet<>();
        for (ImageRecord r : contents.images()) {
            used.addAll(r.artifacts().values());
        }
        blobs.deleteAllBut(used);
    }

    /** Bytes an image's artifacts occupy on disk right now. */
    public long diskUsage(ImageRecord rec) {
        return blobs.diskUsage(rec);
    }

    private Path tmp() { return root.resolve("tmp"); }

    /** Held around every mutation; see {@link StoreLock}. */
    private StoreLock lock() {
        return new StoreLock(root.resolve(".lock"));
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort cleanup
        }
    }

    /** Deletes a directory tree (does not follow symlinks). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(ImageStore::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A staging directory, deleted with its contents on close. */
    public static final class Staging implements AutoCloseable {
        private final Path dir;

        Staging(Path dir) { this.dir = dir; }

        public Path dir() { return dir; }

        public Path file(String name) { return dir.resolve(name); }

        @Override
        public void close() { deleteTree(dir); }
    }
}
