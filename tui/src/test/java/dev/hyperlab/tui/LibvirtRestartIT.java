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
 * pid while {@code hyperlab vm create --start --wait} waits for the boot, then started again. The
 * create still ends ready with exit 0, and a listener on the {@code Hypervisor} port that was
 * subscribed before the restart (as the TUI's list is) still hears of a stop made after it.
 * One TCG boot of a VM with no NIC; the VM is removed whatever happens.
 */
class LibvirtRestartIT {
    private static final String LIBVIRT = "qemu:///system";
    private static final Duration SHORT = Duration.ofSeconds(20);

    private final String name = "t-adapter-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    @DisplayName("vm create --start --wait rides out a libvirtd restart, and events still arrive after it")
    void createWaitsThroughALibvirtdRestart() throws Exception {
        Path root = TuiEndToEndIT.repositoryRoot(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        Path consoleLog = DataDir.resolve().resolve("logs").resolve(name + "-console.log");
        Path out = Files.createTempFile("hl-restart-", ".out");
        BlockingQueue<DomainChange> changes = new LinkedBlockingQueue<>();
        try (VmService svc = VmServices.openDefault(LIBVIRT);
             AutoCloseable sub = svc.hypervisor().onChange(changes::add)) {
            Process create = new ProcessBuilder(root.resolve("hyperlab").toString(), "vm", "create", name,
                    "--network", "none", "--start", "--wait", "--timeout", "400")
                    .redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                // Mid-boot: the kernel is talking, cloud-init is far from done (60-120 s under TCG).
                awaitFile(consoleLog, "Linux version", Duration.ofMinutes(3), create, out);
                assertTrue(create.isAlive(), "the create must still wait while libvirtd restarts:\n" + read(out));
                long restart = System.nanoTime();
                restartLibvirtd();
                assertTrue(create.isAlive(), "the boot was over before libvirtd was back: nothing tested\n" + read(out));
                assertTrue(create.waitFor(6, TimeUnit.MINUTES), "create did not end:\n" + read(out));
                String output = read(out);
                System.out.printf("libvirtd restarted in %.1f s; the create went on to:%n%s%n",
                        (System.nanoTime() - restart) / 1e9, output);
                assertEquals(0, create.exitValue(), output);
                assertFalse(output.contains("stopped before it was ready"), output);
                assertTrue(output.toLowerCase().contains("ready"), output);
            } finally {
                create.destroyForcibly();
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
            Files.deleteIfExists(out);
        }
    }

    /** Kills libvirtd by pid (QEMU keeps running: libvirt restarts leave guests alone), then starts it again. */
    private static void restartLibvirtd() throws Exception {
        TuiEndToEndIT.Result pid = TuiEndToEndIT.run(SHORT, "pidof", "-s", "libvirtd");
        assertEquals(0, pid.exit(), "no libvirtd to restart: " + pid.output());
        String p = pid.output().trim();
        assertEquals(0, TuiEndToEndIT.run(SHORT, "kill", p).exit());
        await(() -> !Files.exists(Path.of("/proc", p)), SHORT, "libvirtd " + p + " ended");
        Thread.sleep(2000); // a real outage: the client must notice and wait, not race the restart
        ensureLibvirtd();
    }

    private static void ensureLibvirtd() throws Exception {
        if (TuiEndToEndIT.run(SHORT, "pidof", "libvirtd").exit() != 0) {
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
