package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.Subject;
import java.util.List;

/** core's FakeLab keeps the GuestLab port's promises, booting at once, for every kind a comparison makes. */
class FakeLabContractTest extends GuestLabContract {
    @Override protected GuestLab lab() { return new FakeLab(); }

    @Override protected boolean exists(GuestLab lab, String name) { return ((FakeLab) lab).existing.contains(name); }

    @Override protected List<Subject> kinds() { return List.of(Subject.VM, Subject.VM_CLONE, Subject.SYSTEM_CONTAINER); }
}
