package dev.hyperlab.core.lab;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Provides the default image's root filesystem tar (built by the images module) for import into the engine. */
public interface RootfsSource {

    /** @param id a content id of the build, used as the engine image tag */
    record Rootfs(String name, String id, Path tar) {}

    /** Whether {@code image} names the default image ("debian-12", "default"). */
    boolean isDefault(String image);

    /** Builds the default image if needed and returns its rootfs tar. */
    Rootfs ensure(Consumer<String> progress);
}
