package dev.hyperlab.tui.view;

import dev.hyperlab.tui.compare.CompareBackend;
import dev.hyperlab.tui.images.ImagesBackend;
import java.util.Objects;

/** What the images and compare views work on: the real store and lab in {@code TuiApp}, doubles in tests. */
public record ViewServices(ImagesBackend images, CompareBackend compare) {
    public ViewServices {
        Objects.requireNonNull(images);
        Objects.requireNonNull(compare);
    }
}
