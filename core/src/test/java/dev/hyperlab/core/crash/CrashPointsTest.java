package dev.hyperlab.core.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrashPointsTest {
    @Test
    @DisplayName("the hook is off unless a step is named; the system property wins over the environment")
    void armedOnlyByAKnownStep() {
        assertEquals(Optional.empty(), CrashPoints.armed(null, null));
        assertEquals(Optional.empty(), CrashPoints.armed(" ", ""));
        assertEquals(Optional.empty(), CrashPoints.armed("vm-create-typo", null));
        assertEquals(Optional.of(Step.VM_CREATE_SEED), CrashPoints.armed(null, "vm-create-seed"));
        assertEquals(Optional.of(Step.CT_START), CrashPoints.armed("ct-start", "vm-create-seed"));
        CrashPoints.reached(Step.VM_CREATE_LOCKED); // not armed in this JVM: returns
    }

    @Test
    @DisplayName("every step has one id, named after its kind and operation")
    void stepIds() {
        List<String> ids = Arrays.stream(Step.values()).map(Step::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertTrue(ids.stream().allMatch(id -> id.matches("(vm|ct)-(create-|rm-|clone-|template-|instant-)?[a-z]+|lab-up-[a-z]+(-[a-z]+)?")), ids.toString());
        assertEquals(List.of(Step.VM_CREATE_LOCKED, Step.VM_CREATE_OVERLAY, Step.VM_CREATE_SEED, Step.VM_CREATE_DEFINE),
                Step.withPrefix("vm-create-"));
        assertEquals(List.of(Step.LAB_UP_STATE, Step.LAB_UP_NETWORK, Step.LAB_UP_ENGINE_NETWORK, Step.LAB_UP_GUEST,
                Step.LAB_UP_FORWARDER), Step.withPrefix("lab-up-"), "an up's steps, in the order an up reaches them");
    }
}
