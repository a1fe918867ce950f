package dev.hyperlab.tui.images;

import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.catalog.CatalogEntry;
import dev.hyperlab.images.download.ImagePuller;
import dev.hyperlab.images.store.ImageListing;
import dev.hyperlab.images.store.ImageRecord;
import java.nio.file.Path;
import java.util.List;

/**
 * What the images view does, as the CLI's {@code hyperlab image} commands do it. Calls block and run
 * off the GUI thread; failures are the images module's exceptions, whose messages say what to try.
 * {@link StoreImagesBackend} is the real one.
 */
public interface ImagesBackend {
    /** Where the images are, for the header. */
    String location();

    /** Every image with its size on disk and the guests that use it ({@code hyperlab image list}). */
    List<ImageListing> list();

    /** The cloud images {@code pull} knows by name. */
    List<CatalogEntry> catalog();

    /** Builds the default image unless an up-to-date build is stored; returns a one-line outcome. */
    String buildDefault(ProgressListener progress);

    ImageRecord pull(ImagePuller.Request request, ProgressListener progress);

    ImageRecord importFile(Path file, ProgressListener progress);

    /** Removes an image; refused (with the store's message) while a guest uses it. */
    void remove(String name);
}
