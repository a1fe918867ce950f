package dev.hyperlab.core.lab;

/** Finds the image a VM is created from, by name; throws NOT_FOUND with a hint when there is none. */
@FunctionalInterface
public interface ImageResolver {
    BootImage resolve(String name);
}
