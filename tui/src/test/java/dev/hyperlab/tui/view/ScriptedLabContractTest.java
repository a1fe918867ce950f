package dev.hyperlab.tui.view;

import dev.hyperlab.core.compare.GuestLab;
import dev.hyperlab.core.compare.GuestLabContract;
import dev.hyperlab.core.model.Subject;
import java.util.List;

/** The compare view's ScriptedLab keeps the GuestLab port's promises (core's contract kit, from its test-jar). */
class ScriptedLabContractTest extends GuestLabContract {
    @Override protected GuestLab lab() { return new ScriptedLab(); }

    @Override protected boolean exists(GuestLab lab, String name) { return ((ScriptedLab) lab).existing.contains(name); }

    @Override protected void letBoot(GuestLab lab, Subject kind) { ((ScriptedLab) lab).advance(kind, kind.phases().size()); }

    @Override protected List<Subject> kinds() { return List.of(Subject.VM, Subject.VM_CLONE, Subject.SYSTEM_CONTAINER); }
}
