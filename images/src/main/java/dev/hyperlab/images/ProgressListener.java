package dev.hyperlab.images;

/** Receives progress events; called on the worker's thread, so it must be quick and must not throw. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void onProgress(Progress progress);
}
