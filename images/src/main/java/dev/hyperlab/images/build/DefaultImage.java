package dev.hyperlab.images.build;

import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import dev.hyperlab.images.store.ImageUsage;
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

    /**
     * The default image, built first if the store lacks a build of the current recipe. Pass the
     * guests' {@link ImageUsage}: when a changed recipe replaces a build that guests still use, the
     * old build is kept (as {@code debian-12-OLDSHA12}) instead of pulled from under them.
     */
    public static BuiltImage ensure(ImageStore store, ImageUsage usage, ProgressListener progress) {
        return ensure(store, NAME, false, usage, progress);
    }

    /** Same, for callers that know no guest uses the image (tests, first setup). */
    public static BuiltImage ensure(ImageStore store, ProgressListener progress) {
        return ensure(store, NAME, false, ImageUsage.NONE, progress);
    }

    /** Builds recipe {@code name} unless cached, assuming no guest uses an older build. */
    public static BuiltImage ensure(ImageStore store, String name, boolean rebuild, ProgressListener progress) {
        return ensure(store, name, rebuild, ImageUsage.NONE, progress);
    }

    /** Builds recipe {@code name} unless an up-to-date build is cached; {@code rebuild} forces it. */
    public static BuiltImage ensure(ImageStore store, String name, boolean rebuild, ImageUsage usage,
                                    ProgressListener progress) {
        return ensure(store, Recipe.load(name), rebuild, usage, progress);
    }

    /** Builds {@code recipe} (shipped, or from a directory) unless an up-to-date build is cached. */
    public static BuiltImage ensure(ImageStore store, Recipe recipe, boolean rebuild, ImageUsage usage,
                                    ProgressListener progress) {
        if (!rebuild) {
            Optional<BuiltImage> cached = cached(store, recipe);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        ImageRecord rec = new ImageBuilder(store, Clock.systemUTC(), progress).build(recipe, usage);
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
