package dev.hyperlab.images.store;

import java.util.List;
import java.util.Objects;

/**
 * One row of {@code hyperlab image list} and of the TUI's images view: a stored image, the bytes
 * its artifacts take on disk now, and the guests that use it.
 *
 * @param guests "vm/web", "ct/box"; an "unknown (...)" entry when a daemon could not be asked
 * @param problem why the image cannot be used (a blob missing or of the wrong size), or null when it is whole
 */
public record ImageListing(ImageRecord image, long diskBytes, List<String> guests, String problem) {
    public ImageListing {
        Objects.requireNonNull(image);
        guests = List.copyOf(guests);
    }

    public ImageListing(ImageRecord image, long diskBytes, List<String> guests) {
        this(image, diskBytes, guests, null);
    }

    public boolean broken() { return problem != null; }

    /** The first 12 hex digits of the primary artifact's SHA-256, as lists show it. */
    public String shortSha() {
        return image.sha256().substring(0, Math.min(12, image.sha256().length()));
    }
}
