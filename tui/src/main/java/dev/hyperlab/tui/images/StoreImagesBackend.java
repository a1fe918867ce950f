package dev.hyperlab.tui.images;

import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.archive.ImageImporter;
import dev.hyperlab.images.archive.Limits;
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
 * {@link ImagesBackend} over the images module: the same store, catalog, puller and importer as the
 * CLI. The store is opened on first use, on a background thread, so a data directory that cannot
 * be created is an error in the view rather than a TUI that does not start.
 */
public final class StoreImagesBackend implements ImagesBackend {
    private final Path root;
    private final Catalog catalog;
    private final Supplier<ImageUsage> usage;
    private final DefaultBuild build;
    private ImageStore store;

    /**
     * @param usage asked afresh for each listing and removal, since guests come and go (the CLI's
     *              {@code GuestImageUsage.connect})
     */
    public StoreImagesBackend(Path root, Catalog catalog, Supplier<ImageUsage> usage, DefaultBuild build) {
        this.root = root;
        this.catalog = catalog;
        this.usage = usage;
        this.build = build;
    }

    private synchronized ImageStore store() {
        if (store == null) {
            store = ImageStore.open(root);
        }
        return store;
    }

    @Override public String location() { return root.toString(); }

    @Override public List<ImageListing> list() { return store().listing(usage.get()); }

    @Override public List<CatalogEntry> catalog() { return catalog.entries(); }

    @Override
    public String buildDefault(ProgressListener progress) {
        return build.build(store(), usage.get(), progress);
    }

    @Override
    public ImageRecord pull(ImagePuller.Request request, ProgressListener progress) {
        Clock clock = Clock.systemUTC();
        return new ImagePuller(store(), catalog, new Downloader(clock, progress), clock, progress, Limits.DEFAULT)
                .pull(request);
    }

    @Override
    public ImageRecord importFile(Path file, ProgressListener progress) {
        return new ImageImporter(store(), Limits.DEFAULT, progress).importFile(file, null);
    }

    @Override
    public void remove(String name) {
        store().remove(name, usage.get());
    }
}
