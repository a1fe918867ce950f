package dev.hyperlab.images.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Whether the blobs an image record names are there and whole: {@code image list}, {@code doctor}, and each use. */
final class BlobCheck {
    private BlobCheck() {}

    /**
     * Why an image cannot be used, or empty when its blobs are whole. Every blob must exist and have
     * the length its record wrote down (for records older than that: a disk blob must have a whole
     * qcow2 header whose tables lie inside the file). With {@code deep}, each blob is also hashed and
     * compared with its name, which reads every byte.
     */
    static Optional<String> problem(ImageRecord r, boolean deep, Function<String, Path> blob) {
        for (Map.Entry<String, String> a : new java.util.TreeMap<>(r.artifacts()).entrySet()) {
            String role = a.getKey();
            Path b = blob.apply(a.getValue());
            if (!Files.isRegularFile(b)) {
                return Optional.of("its " + role + " blob " + a.getValue().substring(0, 12) + " is missing");
            }
            long size;
            try {
                size = Files.size(b);
            } catch (IOException e) {
                return Optional.of("its " + role + " blob cannot be read (" + e.getMessage() + ")");
            }
            Long expected = r.sizes().get(role);
            if (expected != null && size != expected) {
                return Optional.of("its " + role + " blob is " + size + " bytes, the record says " + expected
                        + " (truncated or changed)");
            }
            if (expected == null && size == 0) {
                return Optional.of("its " + role + " blob is empty");
            }
            if (expected == null && role.equals(ImageRecord.DISK) && r.format() == ImageFormat.QCOW2) {
                String why = dev.hyperlab.images.format.Qcow2Validator.headerProblem(b);
                if (why != null) {
                    return Optional.of("its disk blob is not a whole qcow2 (" + why + ")");
                }
            }
            if (deep) {
                String actual;
                try {
                    actual = Digests.sha256(b);
                } catch (IOException e) {
                    return Optional.of("its " + role + " blob cannot be read (" + e.getMessage() + ")");
                }
                if (!actual.equals(a.getValue())) {
                    return Optional.of("its " + role + " blob's sha256 is " + actual.substring(0, 12) + ", not "
                            + a.getValue().substring(0, 12) + " (corrupt)");
                }
            }
        }
        return Optional.empty();
    }
}
