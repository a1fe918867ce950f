package dev.hyperlab.core.host;

import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code doctor}'s checks of the image store: one line per image. Every blob must exist with the
 * length its record wrote down; with {@code deep}, its sha256 must match its name too (which reads
 * every byte: seconds per GiB). Nothing is written: a store that does not exist yet is not created.
 */
public final class ImageStoreChecks {
    private ImageStoreChecks() {}

    public static List<Check> of(Path imagesDir, boolean deep) {
        if (!Files.isDirectory(imagesDir.resolve("records"))) {
            return List.of(Check.ok("images", "no image store yet at " + imagesDir));
        }
        List<Check> out = new ArrayList<>();
        try {
            ImageStore store = ImageStore.open(imagesDir);
            ImageStore.Contents c = store.contents();
            for (ImageRecord r : c.images()) {
                Optional<String> problem = store.problem(r, deep);
                out.add(problem.map(p -> Check.fail("image " + r.name(), p, fix(r.name())))
                        .orElseGet(() -> Check.ok("image " + r.name(), r.artifacts().size() + " blobs whole ("
                                + (deep ? "sizes and digests checked" : "sizes checked; --deep also checks digests") + ")")));
            }
            for (ImageStore.BrokenRecord b : c.broken()) {
                out.add(Check.fail("image " + b.name(), b.reason(), fix(b.name())));
            }
        } catch (ImageException e) {
            out.add(Check.fail("images", e.getMessage(), "check the permissions of " + imagesDir));
        }
        if (out.isEmpty()) {
            out.add(Check.ok("images", "the store at " + imagesDir + " holds no images"));
        }
        return out;
    }

    private static String fix(String name) {
        return "hyperlab image rm " + name + ", then import or build it again";
    }
}
