package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.crash.CrashPoints;
import dev.hyperlab.core.crash.Step;
import dev.hyperlab.core.leak.LeakCheck;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 at every named step of create and remove ({@link Step}): the real program runs in a
 * child process with {@value CrashPoints#ENV} set and halts there. After each crash, 'gc' (limited
 * to the guest's name) must leave the guest whole (everything a finished step makes, with one
 * instance id) or gone (nothing of the name, lock files included), and the name must be usable
 * again: a new create of it succeeds. Only the template steps wait for a boot (their three creates
 * side by side); the other VM steps that start QEMU kill it again at once, and the instant clones
 * come from the run's {@link SharedTemplate}. A few minutes in all.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedTemplate.class)
class CrashPointsIT {
    private static final String PREFIX = "hl-crash-";

    static final List<Step> VM_CREATE = List.of(Step.VM_CREATE_LOCKED, Step.VM_CREATE_OVERLAY, Step.VM_CREATE_SEED,
            Step.VM_CREATE_DEFINE, Step.VM_START);
    static final List<Step> VM_RM = List.of(Step.VM_RM_DESTROY, Step.VM_RM_UNDEFINE, Step.VM_RM_OVERLAY);
    static final List<Step> VM_CLONE = List.of(Step.VM_CLONE_OVERLAY, Step.VM_CLONE_SEED, Step.VM_CLONE_DEFINE);
    static final List<Step> VM_TEMPLATE = List.of(Step.VM_TEMPLATE_BOOTED, Step.VM_TEMPLATE_FROZEN, Step.VM_TEMPLATE_UNDEFINED);
    static final List<Step> VM_INSTANT = List.of(Step.VM_INSTANT_OVERLAY, Step.VM_INSTANT_SEED, Step.VM_INSTANT_DEFINE);
    static final List<Step> CT_CREATE = List.of(Step.CT_CREATE_LOCKED, Step.CT_CREATE_SEED, Step.CT_CREATE_CONTAINER,
            Step.CT_START);
    static final List<Step> CT_RM = List.of(Step.CT_RM_CONTAINER);
    /** An up's own steps that need no lab network; {@link LabIT#LAB_NETWORK_STEPS} kills at the others in the sandbox. */
    static final List<Step> LAB_UP = List.of(Step.LAB_UP_STATE, Step.LAB_UP_GUEST, Step.LAB_UP_FORWARDER);

    @RegisterExtension static final LeakCheck LEAKS = LeakCheck.afterEach(PREFIX);

    private final HyperlabProcess hyperlab = new HyperlabProcess();

    @Test
    @DisplayName("every named crash point is one this test kills at")
    void everyStepIsCovered() {
        Set<Step> covered = Set.copyOf(Stream.of(VM_CREATE, VM_RM, VM_CLONE, VM_TEMPLATE, VM_INSTANT, CT_CREATE, CT_RM, LAB_UP,
                LabIT.LAB_NETWORK_STEPS).flatMap(List::stream).toList());
        assertEquals(Set.of(Step.values()), covered, "add the new step to a list above");
    }

    @Test
    @DisplayName("'vm create' killed at each step: after gc the VM is whole or gone, and the name is created again")
    void vmCreate() throws Exception {
        for (Step step : VM_CREATE) {
            String vm = name(step);
            List<String> args = new ArrayList<>(vmCreate(vm));
            if (step == Step.VM_START) {
                args.add("--start");
            }
            crash(step, args);
            afterGcWholeOrGone(vm, false);
        }
    }

    @Test
    @DisplayName("'vm rm' killed at each step: after gc the VM is whole or gone, and the name is created again")
    void vmRemove() throws Exception {
        for (Step step : VM_RM) {
            String vm = name(step);
            List<String> args = new ArrayList<>(vmCreate(vm));
            if (step == Step.VM_RM_DESTROY) {
                args.add("--start"); // only a running VM is destroyed
            }
            ok(args);
            crash(step, List.of("vm", "rm", "--force", vm));
            afterGcWholeOrGone(vm, false);
        }
    }

    @Test
    @DisplayName("'vm clone' killed at each step: after gc the clone is whole or gone, and its name is created again")
    void vmClone() throws Exception {
        String source = PREFIX + "src-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
        ok(vmCreate(source));
        try {
            for (Step step : VM_CLONE) {
                String vm = name(step);
                crash(step, List.of("vm", "clone", source, vm, "--no-default-ssh-keys"));
                afterGcWholeOrGone(vm, false);
            }
        } finally {
            ok(List.of("vm", "rm", "--force", source));
        }
    }

    @Test
    @DisplayName("'vm template create' killed at each step: gc removes the template's VM and volumes, no record is left")
    void vmTemplate() throws Exception {
        // each of these points comes after a whole TCG boot, so the three creates run side by side
        // (one vCPU each): about one boot's time instead of three
        Map<Step, String> names = new java.util.LinkedHashMap<>();
        Map<Step, HyperlabProcess.Started> runs = new java.util.LinkedHashMap<>();
        for (Step step : VM_TEMPLATE) {
            String t = "crash-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
            names.put(step, t);
            runs.put(step, hyperlab.start(Map.of(CrashPoints.ENV, step.id()), "vm", "template", "create", t, "--cpus", "1"));
        }
        for (Step step : VM_TEMPLATE) {
            assertCrashed(step, "vm template create " + names.get(step), runs.get(step).await(java.time.Duration.ofMinutes(10)));
        }
        for (Step step : VM_TEMPLATE) {
            String t = names.get(step);
            ok(List.of("gc", "--prefix", "hl-template-" + t));
            assertEquals(List.of(), LeakCheck.afterEach("hl-template-" + t).leftovers(), step.id() + ": gone");
            HyperlabProcess.Result list = hyperlab.run("vm", "template", "list");
            assertTrue(!list.out().contains(t), step.id() + ": no record: " + list.out());
        }
    }

    @Test
    @DisplayName("'vm create --from-template' killed at each step: after gc the clone is whole or gone, and made again")
    void vmInstantClone() throws Exception {
        for (Step step : VM_INSTANT) {
            String vm = name(step);
            crash(step, List.of("vm", "create", vm, "--from-template", SharedTemplate.NAME, "--network", "user",
                    "--no-default-ssh-keys"));
            afterGcWholeOrGone(vm, false);
        }
    }

    @Test
    @DisplayName("'ct create --mode system' killed at each step: after gc the container is whole or gone, and made again")
    void containerCreate() throws Exception {
        for (Step step : CT_CREATE) {
            String ct = name(step);
            List<String> args = new ArrayList<>(ctCreate(ct));
            if (step == Step.CT_START) {
                args.add("--start");
            }
            crash(step, args);
            afterGcWholeOrGone(ct, true);
        }
    }

    @Test
    @DisplayName("'ct rm' killed at each step: after gc the container is whole or gone, and made again")
    void containerRemove() throws Exception {
        for (Step step : CT_RM) {
            String ct = name(step);
            ok(ctCreate(ct));
            crash(step, List.of("ct", "rm", ct));
            afterGcWholeOrGone(ct, true);
        }
    }

    @Test
    @DisplayName("'up' killed at each of its steps, and at a guest's own step within it: after gc, up makes the lab whole; down leaves nothing")
    void labUp() throws Exception {
        List<Step> steps = new ArrayList<>(LAB_UP);
        steps.add(1, Step.CT_CREATE_CONTAINER); // a guest's own step, reached inside an up
        for (Step step : steps) {
            String lab = name(step);
            java.nio.file.Path file = labFile(lab);
            // killed, then down: what the crash left is all named in the lab's state, so down removes it
            crash(step, List.of("up", "-f", file.toString()));
            ok(List.of("gc", "--prefix", lab));
            ok(List.of("down", "-f", file.toString()));
            assertEquals(List.of(), LeakCheck.afterEach(lab).leftovers(), step.id() + ": down after a crash leaves nothing");
            // killed, then up again: the up goes on from where the crash left the lab
            crash(step, List.of("up", "-f", file.toString()));
            ok(List.of("gc", "--prefix", lab));
            LabIT.upAgainMakesWhole(hyperlab, file, step.id());
            ok(List.of("down", "-f", file.toString()));
            assertEquals(List.of(), LeakCheck.afterEach(lab).leftovers(), step.id() + ": removed");
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /**
     * A lab of two app containers with no network (nothing gets an address, so no sandbox is needed),
     * the second depending on the first; the first's port forwarded from loopback.
     */
    private static java.nio.file.Path labFile(String lab) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        java.nio.file.Path f = java.nio.file.Files.createTempFile("hl-crash-lab-", ".yaml");
        java.nio.file.Files.writeString(f, String.join("\n",
                "name: " + lab,
                "guests:",
                "  " + lab + "-a:",
                "    kind: app",
                "    command: [sleep, infinity]",
                "    ports: ['127.0.0.1:" + port + ":80']",
                "  " + lab + "-b:",
                "    kind: app",
                "    command: [sleep, infinity]",
                "    depends-on: [" + lab + "-a]",
                ""));
        return f;
    }

    // --- helpers

    private static String name(Step step) {
        return PREFIX + step.id() + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
    }

    private static List<String> vmCreate(String vm) {
        return List.of("vm", "create", vm, "--network", "none", "--no-default-ssh-keys");
    }

    private static List<String> ctCreate(String ct) {
        return List.of("ct", "create", ct, "--image", "debian-12", "--mode", "system", "--no-default-ssh-keys");
    }

    private void ok(List<String> args) throws Exception {
        HyperlabProcess.Result r = hyperlab.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), "hyperlab " + String.join(" ", args) + ": " + r.both());
    }

    private void crash(Step step, List<String> args) throws Exception {
        assertCrashed(step, String.join(" ", args), hyperlab.run(java.time.Duration.ofMinutes(3),
                Map.of(CrashPoints.ENV, step.id()), args.toArray(String[]::new)));
    }

    private static void assertCrashed(Step step, String command, HyperlabProcess.Result r) {
        assertEquals(CrashPoints.EXIT_STATUS, r.exit(), step.id() + ": hyperlab " + command + " did not halt there: " + r.both());
        assertTrue(r.err().contains("crash point " + step.id()), r.err());
    }

    /**
     * Runs gc for the name, then: gone, or whole (then removed). Either way a fresh create of the
     * name must work, and its removal leave nothing.
     */
    private void afterGcWholeOrGone(String name, boolean container) throws Exception {
        ok(List.of("gc", "--prefix", name));
        LeakCheck left = LeakCheck.afterEach(name);
        List<String> things = left.leftovers();
        if (!things.isEmpty()) {
            if (container) {
                assertEquals(Set.of("container " + name, "container-dir " + name), Set.copyOf(things),
                        name + " is neither whole nor gone");
                OwnershipIT.assertContainerWhole(name);
                hyperlab.run("ct", "stop", name);
                ok(List.of("ct", "rm", name));
            } else {
                Set<String> whole = Set.of("domain " + name, "volume " + name + ".qcow2", "volume " + name + "-seed.iso");
                Set<String> found = Set.copyOf(things.stream().filter(t -> !t.equals("log " + name + "-console.log")).toList());
                assertEquals(whole, found, name + " is neither whole nor gone");
                OwnershipIT.assertVmWhole(name);
                ok(List.of("vm", "rm", "--force", name));
            }
        }
        assertEquals(List.of(), left.leftovers(), "gone");
        ok(container ? ctCreate(name) : vmCreate(name));
        ok(container ? List.of("ct", "rm", name) : List.of("vm", "rm", name));
        assertEquals(List.of(), left.leftovers(), "removed again");
    }

}
