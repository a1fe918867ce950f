package dev.hyperlab.images.archive;

import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.Progress;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.store.ImageFormat;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hyperlab image import FILE [--name N]}: checks and converts a local file (qcow2, raw disk,
 * rootfs tar, OCI / docker save archive; compressed or not) and adds it to the store, or refuses it
 * with the store unchanged.
 */
public final class ImageImporter {
    private final ImageStore store;
    private final Limits limits;
    private final ProgressListener progress;

    public ImageImporter(ImageStore store, Limits limits, ProgressListener progress) {
        this.store = store;
        this.limits = limits;
        this.progress = progress;
    }

    public ImageRecord importFile(Path file, String name) {
        String what = "import of " + file;
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw ImageException.badInput(what + " failed: no readable file there; try a path to an image file");
        }
        String imageName = ImageStore.validName(name != null ? name : nameFrom(file));
        if (store.find(imageName).isPresent()) {
            throw new ImageException(ImageException.Kind.CONFLICT, what + " failed: image " + imageName
                    + " exists already; try --name OTHER or hyperlab image rm " + imageName);
        }
        Instant start = Instant.now();
        progress.onProgress(Progress.phase("check", Duration.ZERO, "detecting the format of " + file.getFileName()));
        try (ImageStore.Staging stage = store.staging()) {
            Unpacker.Staged s = new Unpacker(stage.dir(), limits).unpack(file, what);
            progress.onProgress(Progress.phase("store", Duration.between(start, Instant.now()), s.detail()));
            String role = s.format() == ImageFormat.QCOW2 ? ImageRecord.DISK : ImageRecord.ROOTFS;
            Map<String, String> labels = new java.util.HashMap<>(Map.of("imported.as", s.detail()));
            if (s.format() == ImageFormat.QCOW2) {
                labels.putAll(dev.hyperlab.images.firmware.FirmwareDetector.labels(s.file()));
            }
            return store.commit(new ImageStore.NewImage(imageName, s.format(), s.virtualSize(),
                    file.toAbsolutePath().toString(), Map.of(role, s.file()), labels), false);
        }
    }

    /** "Ubuntu-24.04.qcow2.xz" becomes "ubuntu-24.04". */
    public static String nameFrom(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        n = n.replaceAll("\\.(xz|gz|zst|bz2|tgz|txz)$", "").replaceAll("\\.(qcow2|img|raw|tar|oci)$", "")
                .replaceAll("\\.(tar)$", "");
        n = n.replaceAll("[^a-z0-9._-]", "-").replaceAll("^[._-]+", "");
        return n.isEmpty() ? "imported" : n.substring(0, Math.min(63, n.length()));
    }
}
