package dev.hyperlab.core.compare;

/** core's FakeLab keeps the GuestLab port's promises. */
class FakeLabContractTest extends GuestLabContract {
    @Override protected GuestLab lab() { return new FakeLab(); }

    @Override protected boolean exists(GuestLab lab, String name) { return ((FakeLab) lab).existing.contains(name); }
}
