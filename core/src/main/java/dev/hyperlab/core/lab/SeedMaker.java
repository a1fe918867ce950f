package dev.hyperlab.core.lab;

import java.nio.file.Path;

/** Renders a {@link GuestSeed} into a NoCloud seed image (ISO 9660 labelled cidata). */
public interface SeedMaker {
    /** Checks the seed (e.g. the user's cloud-config) without writing anything; throws BAD_INPUT. */
    void validate(GuestSeed seed);

    /** Writes the seed image to {@code iso}. */
    void write(GuestSeed seed, Path iso);

    /** The console line the guest prints when cloud-init is done. */
    String readinessLine(String instanceId);
}
