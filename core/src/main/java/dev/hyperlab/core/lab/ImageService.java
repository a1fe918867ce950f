package dev.hyperlab.core.lab;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.images.ImageException;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.archive.ImageImporter;
import dev.hyperlab.images.archive.Limits;
import dev.hyperlab.images.build.BuiltImage;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.build.Recipe;
import dev.hyperlab.images.catalog.Catalog;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.download.Downloader;
import dev.hyperlab.images.download.ImagePuller;
import dev.hyperlab.images.store.ImageListing;
import dev.hyperlab.images.store.ImageRecord;
import dev.hyperlab.images.store.ImageStore;
import dev.hyperlab.images.store.ImageUsage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The images module as {@code hyperlab image} and the TUI's images view both use it: one store, one
 * catalog, the guests that use an image asked afresh for each listing and removal, and the images
 * module's exceptions turned into {@link HyperlabException}s in one way (their kind picks the code,
 * and so the CLI's exit status).
 *
 * <p>The store is opened on first use, so a data directory that cannot be created is the error of the
 * first command that needs it (a dialog in the TUI) rather than a process that does not start.
 */
public final class ImageService {
    private final Path root;
    private final Catalog catalog;
    private final Supplier<ImageUsage> usage;
    private ImageStore store;

    /** @param usage which guests use an image; asked again for each listing and removal, as guests come and go */
    public ImageService(Path root, Catalog catalog, Supplier<ImageUsage> usage) {
        this.root = root;
        this.catalog = catalog;
        this.usage = usage;
    }

    /** Where the images are. */
    public Path location() { return root; }

    public synchronized ImageStore store() {
        if (store == null) {
            store = call(() -> ImageStore.open(root));
        }
        return store;
    }

    /** Which guests use an image, asked now. */
    public ImageUsage usage() { return usage.get(); }

    /** Every image with its size on disk and the guests that use it. */
    public List<ImageListing> list() { return call(() -> store().listing(usage())); }

    /** Records that cannot be read: listed beside the good images, never instead of them. */
    public List<ImageStore.BrokenRecord> broken() { return call(() -> store().contents().broken()); }

    public ImageRecord info(String name) { return call(() -> store().get(name)); }

    /** The cloud images {@link #pull} knows by name. */
    public List<CatalogEntry> catalog() { return catalog.entries(); }

    /** Builds the image of a recipe unless an up-to-date build is stored (or {@code rebuild}). */
    public BuiltImage build(String recipe, boolean rebuild, ProgressListener progress) {
        return call(() -> DefaultImage.ensure(store(), recipe, rebuild, usage(), progress));
    }

    /** Builds the image of a recipe directory ({@code image build --recipe DIR}), checked whole first. */
    public BuiltImage buildFromDirectory(Path recipeDir, boolean rebuild, ProgressListener progress) {
        return call(() -> DefaultImage.ensure(store(), Recipe.fromDirectory(recipeDir), rebuild, usage(), progress));
    }

    /** Whether the stored build of a recipe is up to date, so {@link #build} would do nothing. */
    public boolean upToDate(String recipe) {
        return call(() -> DefaultImage.cached(store(), Recipe.load(recipe)).isPresent());
    }

    public ImageRecord pull(ImagePuller.Request request, ProgressListener progress) {
        Clock clock = Clock.systemUTC();
        return call(() -> new ImagePuller(store(), catalog, new Downloader(clock, progress), clock, progress, Limits.DEFAULT)
                .pull(request));
    }

    /** @param name null: from the file name */
    public ImageRecord importFile(Path file, String name, ProgressListener progress) {
        return call(() -> new ImageImporter(store(), Limits.DEFAULT, progress).importFile(file, name));
    }

    /** Removes an image; refused while a guest uses it, or while it cannot be told whether one does. */
    public void remove(String name) {
        call(() -> {
            store().remove(name, usage());
            return null;
        });
    }

    /** Runs an images-module call, turning its exception into core's. */
    public static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ImageException e) {
            throw mapped(e);
        }
    }

    /** An images-module failure as core's: the message already says what to try. */
    public static HyperlabException mapped(ImageException e) {
        ErrorCode code = switch (e.kind()) {
            case BAD_INPUT -> ErrorCode.BAD_INPUT;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case CONFLICT -> ErrorCode.CONFLICT;
            case UNAVAILABLE -> ErrorCode.UNAVAILABLE;
            case FAILED -> ErrorCode.OPERATION_FAILED;
        };
        return new HyperlabException(code, e.getMessage(), null, e);
    }
}
