package dev.hyperlab.tui.view;

import dev.hyperlab.tui.compare.CompareBackend;
import dev.hyperlab.tui.images.ImagesBackend;
import dev.hyperlab.tui.labs.LabsBackend;
import java.util.Objects;

/**
 * What the images, compare and labs views work on: the real store and lab in {@code TuiApp}, doubles in tests.
 *
 * @param labs the labs view's; null leaves the view out ({@code L} then says so)
 */
public record ViewServices(ImagesBackend images, CompareBackend compare, LabsBackend labs) {
    public ViewServices {
        Objects.requireNonNull(images);
        Objects.requireNonNull(compare);
    }

    public ViewServices(ImagesBackend images, CompareBackend compare) {
        this(images, compare, null);
    }
}
