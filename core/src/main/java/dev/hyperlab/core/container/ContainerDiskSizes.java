package dev.hyperlab.core.container;

/**
 * Disk a container uses, as the engine accounts it.
 *
 * @param imageBytes         size of the image it runs (shared by every container of that image)
 * @param writableLayerBytes the container's own copy-on-write layer (the engine's SizeRw)
 */
public record ContainerDiskSizes(long imageBytes, long writableLayerBytes) {
}
