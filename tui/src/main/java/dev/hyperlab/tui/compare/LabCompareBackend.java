package dev.hyperlab.tui.compare;

import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.core.lab.CompareLab;
import dev.hyperlab.core.lab.Wiring;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.build.DefaultImage;

/** The real guests: {@link CompareLab} over libvirt and the container engine as the process is wired, as the demo uses. */
public final class LabCompareBackend implements CompareBackend {
    private final Wiring wiring;

    public LabCompareBackend(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override public String image() { return DefaultImage.NAME; }

    @Override
    public void prepare(ProgressListener progress) {
        // As the demo: a rebuild must not delete the base disk of guests still using the old build.
        wiring.images().build(DefaultImage.NAME, false, progress);
    }

    @Override public GuestLab openLab() { return wiring.compareLab(); }

    @Override public SideBySideRun.Host host() { return wiring.compareHost(); }
}
