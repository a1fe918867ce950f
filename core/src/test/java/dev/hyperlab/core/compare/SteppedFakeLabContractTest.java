package dev.hyperlab.core.compare;

import dev.hyperlab.core.model.Subject;
import java.util.List;

/**
 * FakeLab keeps the port's promises when the test steps its boots (as the TUI's compare view test
 * does) and reports a recorded run's phase times.
 */
class SteppedFakeLabContractTest extends GuestLabContract {
    private static final Subject[] KINDS = {Subject.VM, Subject.VM_CLONE, Subject.SYSTEM_CONTAINER};

    @Override protected GuestLab lab() {
        FakeLab lab = new FakeLab().stepped(KINDS);
        lab.timings.putAll(FakeLab.RECORDED);
        return lab;
    }

    @Override protected boolean exists(GuestLab lab, String name) { return ((FakeLab) lab).existing.contains(name); }

    @Override protected void letBoot(GuestLab lab, Subject kind) { ((FakeLab) lab).advance(kind, kind.phases().size()); }

    @Override protected List<Subject> kinds() { return List.of(KINDS); }
}
