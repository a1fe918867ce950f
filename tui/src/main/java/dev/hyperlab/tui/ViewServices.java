package dev.hyperlab.tui;

import dev.hyperlab.tui.compare.CompareBackend;
import dev.hyperlab.tui.images.ImagesBackend;
import java.util.Objects;

/** What the images and compare views work on: the real store and lab in {@link TuiApp}, doubles in tests. */
public record ViewServices(ImagesBackend images, CompareBackend compare) {
    public ViewServices {
        Objects.requireNonNull(images);
        Objects.requireNonNull(compare);
    }
}
