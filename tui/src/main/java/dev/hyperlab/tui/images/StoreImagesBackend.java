package dev.hyperlab.tui.images;

import dev.hyperlab.core.lab.ImageService;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.download.ImagePuller;
import dev.hyperlab.images.store.ImageListing;
import dev.hyperlab.images.store.ImageRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link ImagesBackend} over core's {@link ImageService}: the same store, catalog, puller and importer
 * as {@code hyperlab image}, and the same errors. The store is opened on first use, on a background
 * thread, so a data directory that cannot be created is an error in the view rather than a TUI that
 * does not start.
 */
public final class StoreImagesBackend implements ImagesBackend {
    private final ImageService images;
    private final DefaultBuild build;

    public StoreImagesBackend(ImageService images, DefaultBuild build) {
        this.images = images;
        this.build = build;
    }

    @Override public String location() { return images.location().toString(); }

    @Override public List<ImageListing> list() { return images.list(); }

    @Override public List<CatalogEntry> catalog() { return images.catalog(); }

    @Override
    public String buildDefault(ProgressListener progress) {
        return ImageService.call(() -> build.build(images, progress));
    }

    @Override
    public ImageRecord pull(ImagePuller.Request request, ProgressListener progress) {
        return images.pull(request, progress);
    }

    @Override
    public ImageRecord importFile(Path file, ProgressListener progress) {
        return images.importFile(file, null, progress);
    }

    @Override
    public void remove(String name) {
        images.remove(name);
    }
}
