package dev.hyperlab.tui.compare;

import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.images.ProgressListener;

/**
 * What the compare view's run needs: the image, the lab that makes the guests, and the host's
 * side of the measurements. {@link LabCompareBackend} is the real one (libvirt and the container
 * engine, as {@code hyperlab demo}); tests pass doubles of the {@link GuestLab} port.
 */
public interface CompareBackend {
    /** The image every guest is made from. */
    String image();

    /** Makes sure the image is there (the default image is built when missing); blocks. */
    void prepare(ProgressListener progress);

    /** Opens the lab; the run closes it afterwards when it is {@link AutoCloseable}. */
    GuestLab openLab();

    SideBySideRun.Host host();
}
