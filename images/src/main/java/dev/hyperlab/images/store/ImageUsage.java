package dev.hyperlab.images.store;

import java.util.List;

/**
 * Tells which guests use an image. The images module cannot know about guests; core passes an
 * implementation that asks libvirt and the container engine.
 */
@FunctionalInterface
public interface ImageUsage {
    ImageUsage NONE = image -> List.of();

    /** Names of the guests that use {@code image}; empty when none. */
    List<String> guestsUsing(ImageRecord image);
}
