package dev.hyperlab.core.lab;

import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Files;

/** The image the ITs boot: the images module's default image, built on first use and cached. */
final class TestImages {
    private TestImages() {}

    /**
     * Makes sure the default image is in the store; returns its name. A stored build of an older
     * recipe is used as it is: these tests boot the image, they do not test the recipe, and a
     * rebuild costs minutes.
     */
    static String ensureDefault() {
        ImageStore store = ImageStore.openDefault();
        boolean usable = store.find(DefaultImage.NAME).map(r -> hasBootArtifacts(store, r)).orElse(false);
        if (!usable) {
            DefaultImage.ensure(store, ProgressListener.NONE);
        }
        return DefaultImage.NAME;
    }

    private static boolean hasBootArtifacts(ImageStore store, ImageRecord r) {
        for (String role : new String[] {ImageRecord.DISK, ImageRecord.KERNEL, ImageRecord.INITRD}) {
            if (!r.artifacts().containsKey(role) || !Files.isRegularFile(store.path(r, role))) {
                return false;
            }
        }
        return true;
    }
}
