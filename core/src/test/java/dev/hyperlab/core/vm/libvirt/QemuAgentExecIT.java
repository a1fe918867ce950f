package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.Subject;
import dev.hyperlab.core.compare.isolation.IsolationProbe;
import dev.hyperlab.core.compare.isolation.IsolationReport;
import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest-exec protocol against a real qemu-ga (Debian package qemu-guest-agent), run on the
 * host on a private unix socket: the same agent the default image runs inside its VMs. libvirt's
 * virDomainQemuAgentCommand only carries these JSON lines to the guest.
 */
class QemuAgentExecIT {
    @TempDir
    static Path dir;
    private static Process agent;
    private static UnixSocketAgentChannel channel;

    @BeforeAll
    static void startAgent() throws Exception {
        Path sock = dir.resolve("qga.sock");
        Path state = Files.createDirectories(dir.resolve("state"));
        agent = new ProcessBuilder("qemu-ga", "-m", "unix-listen", "-p", sock.toString(), "-t", state.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("qga.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(sock); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(sock), () -> "qemu-ga did not listen: " + read(dir.resolve("qga.log")));
        channel = new UnixSocketAgentChannel(sock);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (channel != null) {
            channel.close();
        }
        if (agent != null) {
            agent.destroy();
            agent.waitFor();
        }
    }

    @Test
    void runsACommandAndCollectsOutputAndExitCode() {
        ExecResult r = new QemuAgentExec(channel).exec(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(20));
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }

    @Test
    void aRunningAgentAnswersPing() {
        new QemuAgentExec(channel).awaitAgent(Duration.ofSeconds(5));
    }

    @Test
    void aMissingProgramIsExit127() {
        ExecResult r = new QemuAgentExec(channel).exec(List.of("hyperlab-no-such-program"), Duration.ofSeconds(20));
        assertEquals(GuestExec.NOT_FOUND_EXIT, r.exitCode());
    }

    @Test
    void aSlowCommandTimesOut() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> new QemuAgentExec(channel).exec(List.of("/bin/sleep", "3"), Duration.ofMillis(500)));
        assertEquals(ErrorCode.TIMEOUT, e.code());
    }

    @Test
    void theIsolationProbeRunsThroughTheAgent() {
        IsolationReport r = IsolationProbe.run(Subject.VM, new QemuAgentExec(channel), Duration.ofSeconds(30));
        assertTrue(r.get("kernel").isPresent() && r.processes() > 0, r.values().toString());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }
}
