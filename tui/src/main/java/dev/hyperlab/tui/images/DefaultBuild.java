package dev.hyperlab.tui.images;

import dev.hyperlab.core.lab.ImageService;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.build.BuiltImage;
import dev.hyperlab.images.build.DefaultImage;

/**
 * How the default image gets built; {@link #standard()} is {@code hyperlab image build}'s way
 * (mmdebstrap, minutes, root). Tests pass a stand-in, as they cannot run a real build on a CI core.
 */
@FunctionalInterface
public interface DefaultBuild {
    /** Builds (or finds up to date) the default image; returns a one-line outcome. */
    String build(ImageService images, ProgressListener progress);

    static DefaultBuild standard() {
        return (images, progress) -> {
            if (images.upToDate(DefaultImage.NAME)) {
                return DefaultImage.NAME + " is up to date (its recipe has not changed): nothing to build";
            }
            BuiltImage img = images.build(DefaultImage.NAME, false, progress);
            return DefaultImage.NAME + " built: disk " + img.qcow2();
        };
    }
}
