package dev.hyperlab.tui.images;

import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.build.BuiltImage;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.build.Recipe;
import dev.hyperlab.images.store.ImageStore;
import dev.hyperlab.images.store.ImageUsage;

/**
 * How the default image gets built; {@link #standard()} is {@code hyperlab image build}'s way
 * (mmdebstrap, minutes, root). Tests pass a stand-in, as they cannot run a real build on a CI core.
 */
@FunctionalInterface
public interface DefaultBuild {
    /** Builds (or finds up to date) the default image; returns a one-line outcome. */
    String build(ImageStore store, ImageUsage usage, ProgressListener progress);

    static DefaultBuild standard() {
        return (store, usage, progress) -> {
            if (DefaultImage.cached(store, Recipe.load(DefaultImage.NAME)).isPresent()) {
                return DefaultImage.NAME + " is up to date (its recipe has not changed): nothing to build";
            }
            BuiltImage img = DefaultImage.ensure(store, usage, progress);
            return DefaultImage.NAME + " built: disk " + img.qcow2();
        };
    }
}
