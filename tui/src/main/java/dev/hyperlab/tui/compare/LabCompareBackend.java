package dev.hyperlab.tui.compare;

import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.core.lab.CompareLab;
import dev.hyperlab.core.lab.GuestImageUsage;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.images.build.DefaultImage;
import dev.hyperlab.images.store.ImageStore;

/** The real guests: {@link CompareLab} over libvirt at a URI and the discovered container engine, as the demo uses. */
public final class LabCompareBackend implements CompareBackend {
    private final String libvirtUri;

    public LabCompareBackend(String libvirtUri) {
        this.libvirtUri = libvirtUri;
    }

    @Override public String image() { return DefaultImage.NAME; }

    @Override
    public void prepare(ProgressListener progress) {
        // As the demo: a rebuild must not delete the base disk of guests still using the old build.
        DefaultImage.ensure(ImageStore.openDefault(), GuestImageUsage.connect(libvirtUri), progress);
    }

    @Override public GuestLab openLab() { return CompareLab.openDefault(libvirtUri); }

    @Override public SideBySideRun.Host host() { return SideBySideRun.Host.real(); }
}
