package dev.hyperlab.core.lab;

import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.ImageStore;

/** The image the ITs boot: the images module's default image, built on first use and cached. */
final class TestImages {
    private TestImages() {}

    /** Makes sure the default image is in the store; returns its name. */
    static String ensureDefault() {
        DefaultImage.ensure(ImageStore.openDefault(), ProgressListener.NONE);
        return DefaultImage.NAME;
    }
}
