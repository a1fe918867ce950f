package dev.hyperlab.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.lab.VmServices;
import dev.hyperlab.core.vm.DomainChange;
import dev.hyperlab.images.store.DataDir;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * libvirtd restarts under hyperlab (as setup.sh runs it: {@code libvirtd -d}, no systemd): killed by
 * pid while {@code hyperlab vm create --start --wait} and {@code hyperlab up} (a lab of one VM) wait
 * for their boots, then started again. Both still end ready with exit 0, {@code hyperlab status} says
 * the lab's VM is ready, and a listener on the {@code Hypervisor} port that was subscribed before the
 * restart (as the TUI's list is) still hears of a stop made after it.
 * Two TCG boots at once of VMs with no NIC (a lab without networks needs no sandbox: nothing gets an
 * address); both are removed whatever happens.
 */
class LibvirtRestartIT {
    private static final String LIBVIRT = "qemu:///system";
    private static final Duration SHORT = Duration.ofSeconds(20);

    private final String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    private final String name = "t-adapter-" + suffix;
    /** The lab and its one VM. */
    private final String lab = "t-lab-" + suffix;
    private final String labVm = "t-labvm-" + suffix;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("vm create --start --wait and a lab's up ride out a libvirtd restart, and events still arrive after it")
    void createWaitsThroughALibvirtdRestart() throws Exception {
        Path root = TuiEndToEndIT.repositoryRoot(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        Path logs = DataDir.resolve().resolve("logs");
        Path out = Files.createTempFile("hl-restart-", ".out");
        Path upOut = Files.createTempFile("hl-restart-up-", ".out");
        Path labFile = Files.createTempFile("hl-restart-", ".yaml");
        Files.writeString(labFile, String.join("\n", "name: " + lab, "guests:", "  " + labVm + ":", "    kind: vm", ""));
        BlockingQueue<DomainChange> changes = new LinkedBlockingQueue<>();
        try (VmService svc = VmServices.openDefault(LIBVIRT);
             AutoCloseable sub = svc.hypervisor().onChange(changes::add)) {
            Process create = hyperlab(root, out, "vm", "create", name, "--network", "none", "--start", "--wait",
                    "--timeout", "500");
            Process up = hyperlab(root, upOut, "up", "-f", labFile.toString(), "--timeout", "500");
            try {
                // Mid-boot: the kernels are talking, cloud-init is far from done (60-120 s under TCG).
                awaitFile(logs.resolve(name + "-console.log"), "Linux version", Duration.ofMinutes(3), create, out);
                awaitFile(logs.resolve(labVm + "-console.log"), "Linux version", Duration.ofMinutes(3), up, upOut);
                assertTrue(create.isAlive(), "the create must still wait while libvirtd restarts:\n" + read(out));
                assertTrue(up.isAlive(), "the up must still wait while libvirtd restarts:\n" + read(upOut));
                long restart = System.nanoTime();
                restartLibvirtd();
                assertTrue(create.isAlive(), "the boot was over before libvirtd was back: nothing tested\n" + read(out));
                assertTrue(up.isAlive(), "the lab's boot was over before libvirtd was back: nothing tested\n" + read(upOut));
                assertTrue(create.waitFor(6, TimeUnit.MINUTES), "create did not end:\n" + read(out));
                String output = read(out);
                System.out.printf("libvirtd restarted in %.1f s; the create went on to:%n%s%n",
                        (System.nanoTime() - restart) / 1e9, output);
                assertEquals(0, create.exitValue(), output);
                assertFalse(output.contains("stopped before it was ready"), output);
                assertTrue(output.toLowerCase().contains("ready"), output);

                assertTrue(up.waitFor(6, TimeUnit.MINUTES), "up did not end:\n" + read(upOut));
                String upOutput = read(upOut);
                System.out.printf("the lab's up went on to:%n%s%n", upOutput);
                assertEquals(0, up.exitValue(), upOutput);
                assertTrue(upOutput.lines().anyMatch(l -> l.matches(labVm + " +vm +created +ready at [0-9.]+ s")), upOutput);
                assertTrue(upOutput.contains("lab " + lab + " is up in"), upOutput);
                TuiEndToEndIT.Result status = TuiEndToEndIT.run(Duration.ofMinutes(1), root.resolve("hyperlab").toString(),
                        "status", "-f", labFile.toString(), "--json");
                assertEquals(0, status.exit(), status.output());
                assertTrue(status.output().contains("\"state\" : \"ready\""), status.output());
            } finally {
                create.destroyForcibly();
                up.destroyForcibly();
            }
            assertTrue(changes.stream().anyMatch(c -> c.kind() == DomainChange.Kind.CONNECTION),
                    "the port saw the connection go and come back: " + changes);
            await(() -> svc.hypervisor().connectionStatus().up(), SHORT, "the test's own connection is back");
            changes.clear();
            TuiEndToEndIT.Result stop = TuiEndToEndIT.run(SHORT, "virsh", "-c", LIBVIRT, "destroy", name);
            assertEquals(0, stop.exit(), stop.output());
            long deadline = System.nanoTime() + SHORT.toNanos();
            boolean heard = false;
            while (!heard && System.nanoTime() < deadline) {
                DomainChange c = changes.poll(1, TimeUnit.SECONDS);
                heard = c != null && c.kind() == DomainChange.Kind.LIFECYCLE && c.concerns(name) && c.domain().isPresent();
            }
            assertTrue(heard, "no lifecycle event for the stop after the restart: " + changes);
        } finally {
            ensureLibvirtd();
            TuiEndToEndIT.run(Duration.ofMinutes(2), root.resolve("hyperlab").toString(), "vm", "rm", "-f", name);
            TuiEndToEndIT.run(Duration.ofMinutes(2), root.resolve("hyperlab").toString(), "down", "-f", labFile.toString());
            Files.deleteIfExists(out);
            Files.deleteIfExists(upOut);
            Files.deleteIfExists(labFile);
        }
    }

    private static Process hyperlab(Path root, Path out, String... args) throws java.io.IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(root.resolve("hyperlab").toString()));
        cmd.addAll(java.util.List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Kills libvirtd by pid (QEMU keeps running: libvirt restarts leave guests alone), then starts it again. */
    private static void restartLibvirtd() throws Exception {
        java.util.List<Long> ours = ourLibvirtd();
        assertEquals(1, ours.size(), "not one libvirtd to restart: " + ours);
        String p = Long.toString(ours.get(0));
        assertEquals(0, TuiEndToEndIT.run(SHORT, "kill", p).exit());
        await(() -> !Files.exists(Path.of("/proc", p)), SHORT, "libvirtd " + p + " ended");
        Thread.sleep(2000); // a real outage: the client must notice and wait, not race the restart
        ensureLibvirtd();
    }

    /**
     * The libvirtd serving qemu:///system here: the one in this process's mount namespace. Another
     * libvirtd may run on the host in a mount namespace of its own (scripts/second-host.sh), and is
     * not this test's to kill: pidof would name either.
     */
    private static java.util.List<Long> ourLibvirtd() throws java.io.IOException {
        Path mine = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
        java.util.List<Long> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(q -> q.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    if (Files.readString(p.resolve("comm")).strip().equals("libvirtd")
                            && Files.readSymbolicLink(p.resolve("ns/mnt")).equals(mine)) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return out;
    }

    private static void ensureLibvirtd() throws Exception {
        if (ourLibvirtd().isEmpty()) {
            TuiEndToEndIT.run(SHORT, "libvirtd", "-d");
        }
        await(() -> {
            try {
                return TuiEndToEndIT.run(SHORT, "virsh", "-c", LIBVIRT, "uri").exit() == 0;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30), "libvirtd answers again");
    }

    private static void awaitFile(Path file, String text, Duration timeout, Process create, Path out) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            if (!create.isAlive()) {
                throw new AssertionError("create ended before the boot began:\n" + read(out));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + text + "' in " + file + " after " + timeout.toSeconds() + " s:\n" + read(out));
    }

    private static void await(java.util.function.BooleanSupplier ok, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }

    private static String read(Path p) throws java.io.IOException { return Files.readString(p, StandardCharsets.UTF_8); }

}
