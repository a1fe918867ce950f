package dev.hyperlab.images.build;

import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * The default image, {@value #NAME}: built locally from the recipe in the repository, cached in
 * the store under that name and rebuilt only when the recipe changes (or when asked to).
 */
public final class DefaultImage {
    public static final String NAME = "debian-12";

    private DefaultImage() {}

    /** The default image, built first if the store lacks a build of the current recipe. */
    public static BuiltImage ensure(ImageStore store, ProgressListener progress) {
        return ensure(store, NAME, false, progress);
    }

    /** Builds recipe {@code name} unless an up-to-date build is cached; {@code rebuild} forces it. */
    public static BuiltImage ensure(ImageStore store, String name, boolean rebuild, ProgressListener progress) {
        Recipe recipe = Recipe.load(name);
        if (!rebuild) {
            Optional<BuiltImage> cached = cached(store, recipe);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        ImageRecord rec = new ImageBuilder(store, Clock.systemUTC(), progress).build(recipe);
        return BuiltImage.of(store, rec);
    }

    /** The cached build of {@code recipe}, if the store has one with all artifacts present. */
    public static Optional<BuiltImage> cached(ImageStore store, Recipe recipe) {
        Optional<ImageRecord> rec = store.find(recipe.name());
        if (rec.isEmpty() || !recipe.hash().equals(rec.get().labels().get(BuiltImage.RECIPE_LABEL))) {
            return Optional.empty();
        }
        for (String role : new String[] {ImageRecord.DISK, ImageRecord.KERNEL, ImageRecord.INITRD, ImageRecord.ROOTFS}) {
            if (!rec.get().artifacts().containsKey(role) || !Files.isRegularFile(store.path(rec.get(), role))) {
                return Optional.empty();
            }
        }
        return Optional.of(BuiltImage.of(store, rec.get()));
    }
}
