package dev.hyperlab.images.store;

import java.util.List;
import java.util.Objects;

/**
 * One row of {@code hyperlab image list} and of the TUI's images view: a stored image, the bytes
 * its artifacts take on disk now, and the guests that use it.
 *
 * @param guests "vm/web", "ct/box"; an "unknown (...)" entry when a daemon could not be asked
 */
public record ImageListing(ImageRecord image, long diskBytes, List<String> guests) {
    public ImageListing {
        Objects.requireNonNull(image);
        guests = List.copyOf(guests);
    }

    /** The first 12 hex digits of the primary artifact's SHA-256, as lists show it. */
    public String shortSha() {
        return image.sha256().substring(0, Math.min(12, image.sha256().length()));
    }
}
