package dev.hyperlab.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.BootTimeline;
import dev.hyperlab.core.model.Cancellation;
import dev.hyperlab.core.model.Phase;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GuestLab} promises a comparison, as tests. The double the compare, demo and TUI
 * tests use (core's {@code FakeLab}, from core's test-jar in the TUI) runs them in each of its modes,
 * so that no view or runner test passes on a promise the port does not make.
 */
public abstract class GuestLabContract {
    protected static final CompareOptions OPTIONS = new CompareOptions("debian-12", 1, 1, 1L << 30, null,
            Duration.ofMinutes(5), 0, 1, 1);

    /** A fresh lab for one test. */
    protected abstract GuestLab lab();

    /** Whether a guest of that name exists in {@code lab} now. */
    protected abstract boolean exists(GuestLab lab, String name);

    /** Lets a launch of {@code kind} reach READY; a lab that boots on its own does nothing. */
    protected void letBoot(GuestLab lab, Subject kind) {}

    /** The kinds this lab makes. */
    protected List<Subject> kinds() { return List.of(Subject.VM, Subject.SYSTEM_CONTAINER); }

    private static String name(Subject kind) {
        return "hlc-" + kind.label() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aLaunchReachesReadyThroughItsKindsPhasesInOrderAndRemoveLeavesNothing() {
        GuestLab lab = lab();
        for (Subject kind : kinds()) {
            String name = name(kind);
            List<BootTimeline> seen = new CopyOnWriteArrayList<>();
            letBoot(lab, kind);
            LaunchedGuest g = lab.launch(kind, name, OPTIONS, seen::add, new Cancellation());
            assertEquals(kind, g.kind());
            assertEquals(name, g.name());
            assertTrue(g.timeline().has(Phase.READY), g.timeline().toString());
            assertEquals(kind.phases(), List.copyOf(g.timeline().asMap().keySet()), "the kind's phases, in order");
            assertFalse(seen.isEmpty(), "progress is reported as phases are reached");
            assertTrue(exists(lab, name));
            assertEquals(kind, lab.memory(g, 1).subject(), "the ledger is the guest's kind's");
            assertEquals(kind, lab.disk(g).subject());
            lab.remove(g);
            assertFalse(exists(lab, name), "remove leaves nothing of " + name);
        }
    }

    @Test
    void removeIsIdempotentAndTakesANameThatWasNeverMade() {
        GuestLab lab = lab();
        Subject kind = kinds().get(0);
        letBoot(lab, kind);
        LaunchedGuest g = lab.launch(kind, name(kind), OPTIONS, t -> { }, new Cancellation());
        lab.remove(g);
        lab.remove(g);
        lab.remove(new LaunchedGuest(kind, name(kind), BootTimeline.empty()));
        assertFalse(exists(lab, g.name()));
    }

    @Test
    void aLaunchWhoseTokenIsCancelledThrowsCancelledAndLeavesNothing() {
        GuestLab lab = lab();
        for (Subject kind : kinds()) {
            String name = name(kind);
            Cancellation cancel = new Cancellation();
            cancel.cancel("the user pressed Esc");
            HyperlabException e = assertThrows(HyperlabException.class,
                    () -> lab.launch(kind, name, OPTIONS, t -> { }, cancel));
            assertEquals(ErrorCode.CANCELLED, e.code(), e.getMessage());
            assertFalse(exists(lab, name), "a cancelled launch undoes what it made");
        }
    }

    @Test
    void aVmWithOtherSettingsBootsWithThemOrIsRefusedBeforeAnythingIsMade() {
        if (!kinds().contains(Subject.VM)) {
            return;
        }
        GuestLab lab = lab();
        String name = name(Subject.VM);
        letBoot(lab, Subject.VM);
        LaunchedGuest g;
        try {
            g = lab.launchVm(name, OPTIONS, new VmSettings(64, false), t -> { }, new Cancellation());
        } catch (HyperlabException e) {
            assertEquals(ErrorCode.UNAVAILABLE, e.code(), e.getMessage());
            assertFalse(exists(lab, name), "refused before anything was made");
            return;
        }
        assertEquals(Subject.VM, g.kind());
        assertTrue(g.timeline().has(Phase.READY), g.timeline().toString());
        assertTrue(exists(lab, name));
        assertEquals(Subject.VM, lab.memory(g, 1).subject());
        lab.remove(g);
        assertFalse(exists(lab, name), "remove leaves nothing of " + name);
    }

    @Test
    void aVmLaunchWithOtherSettingsWhoseTokenIsCancelledLeavesNothing() {
        if (!kinds().contains(Subject.VM)) {
            return;
        }
        GuestLab lab = lab();
        String name = name(Subject.VM);
        Cancellation cancel = new Cancellation();
        cancel.cancel("the user pressed Ctrl-C");
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> lab.launchVm(name, OPTIONS, VmSettings.tbCache(VmSettings.QEMU_DEFAULT), t -> { }, cancel));
        assertTrue(e.code() == ErrorCode.CANCELLED || e.code() == ErrorCode.UNAVAILABLE, e.getMessage());
        assertFalse(exists(lab, name), "a cancelled launch undoes what it made");
    }

    @Test
    void versionsNameTheStack() {
        assertTrue(lab().versions().containsKey("libvirt"), lab().versions().toString());
        assertTrue(lab().versions().containsKey("engine"), lab().versions().toString());
    }
}
