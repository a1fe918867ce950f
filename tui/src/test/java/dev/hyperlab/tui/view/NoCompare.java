package dev.hyperlab.tui.view;

import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.SideBySideRun;
import dev.hyperlab.images.ProgressListener;
import dev.hyperlab.tui.compare.CompareBackend;

/** For tests of other views: a compare backend that must not be used. */
final class NoCompare implements CompareBackend {
    @Override public String image() { return "debian-12"; }

    @Override public void prepare(ProgressListener progress) { throw new UnsupportedOperationException(); }

    @Override public GuestLab openLab() { throw new UnsupportedOperationException(); }

    @Override public SideBySideRun.Host host() { throw new UnsupportedOperationException(); }
}
