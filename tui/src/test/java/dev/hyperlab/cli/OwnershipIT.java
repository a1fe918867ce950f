package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.leak.LeakCheck;
import dev.hyperlab.images.store.DataDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operations own what they undo, through the real program in child processes against libvirtd and
 * Podman: concurrent creates of one name, a volume hyperlab did not make, and 'gc' racing creates.
 * No guest boots (a system container starts once, for a few seconds); about a minute in all.
 */
class OwnershipIT {
    private static final String PREFIX = "hl-own-";
    private static final String LIBVIRT = "qemu:///system";

    @RegisterExtension static final LeakCheck LEAKS = LeakCheck.afterEach(PREFIX);

    private final HyperlabProcess hyperlab = new HyperlabProcess();

    private static String name(String what) {
        return PREFIX + what + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(2));
    }

    @Test
    @DisplayName("five concurrent 'vm create' of one name: one whole VM, four 'exists already', nothing of the winner lost")
    void concurrentVmCreates() throws Exception {
        String vm = name("vm");
        List<HyperlabProcess.Result> results = concurrently(5, "vm", "create", vm, "--network", "none",
                "--no-default-ssh-keys");
        try {
            assertOneWinner(results);
            assertVmWhole(vm);
        } finally {
            hyperlab.run("vm", "rm", "--force", vm);
        }
    }

    @Test
    @DisplayName("five concurrent 'ct create --mode system' of one name: one whole container that starts, four 'exists already'")
    void concurrentContainerCreates() throws Exception {
        String ct = name("ct");
        // The default image is imported into the engine by the first create; that is not what races here.
        String first = name("img");
        assertEquals(0, hyperlab.run(ctCreateArgs(first)).exit());
        assertEquals(0, hyperlab.run("ct", "rm", first).exit());
        List<HyperlabProcess.Result> results = concurrently(5, ctCreateArgs(ct));
        try {
            assertOneWinner(results);
            assertContainerWhole(ct);
            HyperlabProcess.Result start = hyperlab.run("ct", "start", ct);
            assertEquals(0, start.exit(), start.both());
            assertEquals(0, hyperlab.run("ct", "stop", ct).exit());
        } finally {
            hyperlab.run("ct", "stop", ct);
            hyperlab.run("ct", "rm", ct);
        }
    }

    /** The bug: the create's rollback deleted the volume whose existence made it fail. */
    @Test
    @DisplayName("a volume of the name in the hyperlab pool that hyperlab did not make survives 'vm create'")
    void foreignVolumeSurvives() throws Exception {
        String vm = name("x");
        String vol = vm + ".qcow2";
        if (exec("virsh", "-c", LIBVIRT, "pool-info", "hyperlab").exit() != 0) { // a create makes the pool
            String first = name("pool");
            assertEquals(0, hyperlab.run("vm", "create", first, "--network", "none", "--no-default-ssh-keys").exit());
            assertEquals(0, hyperlab.run("vm", "rm", first).exit());
        }
        assertEquals(0, exec("virsh", "-c", LIBVIRT, "pool-refresh", "hyperlab").exit());
        HyperlabProcess.Result made = exec("virsh", "-c", LIBVIRT, "vol-create-as", "hyperlab", vol, "1M", "--format", "qcow2");
        assertEquals(0, made.exit(), made.both());
        try {
            HyperlabProcess.Result r = hyperlab.run("vm", "create", vm, "--network", "none", "--no-default-ssh-keys");
            assertEquals(1, r.exit(), r.both());
            assertTrue(r.err().contains(vol + " exists already"), r.err());
            assertTrue(exec("virsh", "-c", LIBVIRT, "vol-info", vol, "--pool", "hyperlab").exit() == 0, "the volume is gone");
            assertEquals(1, exec("virsh", "-c", LIBVIRT, "dominfo", vm).exit(), "no domain was made");
        } finally {
            exec("virsh", "-c", LIBVIRT, "vol-delete", vol, "--pool", "hyperlab");
        }
    }

    /** The bug: gc took the volumes of a create between its first volume and its define. */
    @Test
    @DisplayName("'gc' in a loop while VMs are created never takes what a create is making")
    void gcRacingCreates() throws Exception {
        String base = name("gc");
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger gcRuns = new AtomicInteger();
        List<String> gcFailures = new ArrayList<>();
        Thread gc = new Thread(() -> {
            while (!done.get()) {
                try {
                    HyperlabProcess.Result r = hyperlab.run("gc", "--prefix", base);
                    gcRuns.incrementAndGet();
                    if (r.exit() != 0 || r.out().contains("removed")) {
                        gcFailures.add(r.both());
                    }
                } catch (Exception e) {
                    gcFailures.add(e.toString());
                }
            }
        });
        gc.start();
        List<String> vms = List.of(base + "-1", base + "-2", base + "-3");
        try {
            for (String vm : vms) {
                HyperlabProcess.Result r = hyperlab.run("vm", "create", vm, "--network", "none", "--no-default-ssh-keys");
                assertEquals(0, r.exit(), r.both());
            }
            done.set(true);
            gc.join(120_000);
            assertTrue(gcRuns.get() >= 2, "gc ran " + gcRuns.get() + " times");
            assertEquals(List.of(), gcFailures, "gc removed something of a create, or failed");
            for (String vm : vms) {
                assertVmWhole(vm);
            }
        } finally {
            done.set(true);
            gc.join(120_000);
            for (String vm : vms) {
                hyperlab.run("vm", "rm", "--force", vm);
            }
        }
    }

    // --- helpers

    private static String[] ctCreateArgs(String ct) {
        return new String[] {"ct", "create", ct, "--image", "debian-12", "--mode", "system", "--no-default-ssh-keys"};
    }

    private List<HyperlabProcess.Result> concurrently(int n, String... args) throws Exception {
        List<HyperlabProcess.Started> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            started.add(hyperlab.start(Map.of(), args));
        }
        List<HyperlabProcess.Result> results = new ArrayList<>();
        for (HyperlabProcess.Started s : started) {
            results.add(s.await(Duration.ofMinutes(4)));
        }
        return results;
    }

    private static void assertOneWinner(List<HyperlabProcess.Result> results) {
        long winners = results.stream().filter(r -> r.exit() == 0).count();
        assertEquals(1, winners, "exactly one create wins: " + results);
        for (HyperlabProcess.Result r : results) {
            if (r.exit() != 0) {
                assertEquals(1, r.exit(), r.both());
                assertTrue(r.err().contains("exists already"), "a clear error: " + r.err());
                assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), "no stack trace: " + r.err());
            }
        }
    }

    /** The domain, with hyperlab's label, and both of its volumes; nothing else of the name. */
    static void assertVmWhole(String vm) throws Exception {
        HyperlabProcess.Result xml = exec("virsh", "-c", LIBVIRT, "dumpxml", vm);
        assertEquals(0, xml.exit(), "domain " + vm + ": " + xml.both());
        assertTrue(xml.out().contains("https://hyperlab.dev/xmlns/1"), "labelled");
        assertTrue(xml.out().contains(vm + ".qcow2") && xml.out().contains(vm + "-seed.iso"), xml.out());
        exec("virsh", "-c", LIBVIRT, "pool-refresh", "hyperlab");
        for (String vol : List.of(vm + ".qcow2", vm + "-seed.iso")) {
            assertEquals(0, exec("virsh", "-c", LIBVIRT, "vol-info", vol, "--pool", "hyperlab").exit(), vol + " is missing");
        }
    }

    /** The container and its directory, both carrying one instance id. */
    static void assertContainerWhole(String ct) throws Exception {
        HyperlabProcess.Result label = exec("podman", "inspect", ct, "--format",
                "{{index .Config.Labels \"dev.hyperlab.instance-id\"}}");
        assertEquals(0, label.exit(), "container " + ct + ": " + label.both());
        Path dir = DataDir.resolve().resolve("containers").resolve(ct);
        assertEquals(label.out().strip(), Files.readString(dir.resolve("instance-id"), StandardCharsets.UTF_8).strip());
        assertTrue(Files.isRegularFile(dir.resolve("seed/meta-data")), "the seed is there");
    }

    static HyperlabProcess.Result exec(String... cmd) throws Exception {
        Path out = Files.createTempFile("hl-own-exec", ".out");
        Path err = Files.createTempFile("hl-own-exec", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return new HyperlabProcess.Result(p.isAlive() ? -1 : p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
