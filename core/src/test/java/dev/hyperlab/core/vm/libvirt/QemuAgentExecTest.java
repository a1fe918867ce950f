package dev.hyperlab.core.vm.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperlab.core.exec.ExecResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guest-agent protocol pieces, against replies recorded from qemu-ga 7.2. */
class QemuAgentExecTest {
    @Test
    void requestsAreWhatQemuGaExpects() {
        assertEquals("{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"/bin/sh\",\"arg\":[\"-c\",\"echo \\\"hi\\\"\"],"
                + "\"capture-output\":true}}", QemuAgentExec.execRequest(List.of("/bin/sh", "-c", "echo \"hi\"")));
        assertEquals("{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":17861}}", QemuAgentExec.statusRequest(17861));
    }

    @Test
    void decodesARecordedStatus() throws Exception {
        String reply = "{\"exitcode\": 3, \"err-data\": \"ZXJyCg==\", \"out-data\": \"aGkK\", \"err-truncated\": false, "
                + "\"out-truncated\": false, \"exited\": true}";
        ExecResult r = QemuAgentExec.result(new ObjectMapper().readTree(reply), Duration.ofMillis(5));
        assertEquals(3, r.exitCode());
        assertEquals("hi\n", r.stdout());
        assertEquals("err\n", r.stderr());
    }

    @Test
    void signalDeathLooksLikeAShellReportsIt() throws Exception {
        ExecResult r = QemuAgentExec.result(new ObjectMapper().readTree("{\"exited\": true, \"signal\": 9}"), Duration.ZERO);
        assertEquals(137, r.exitCode());
    }

    @Test
    void recognisesAMissingProgram() {
        assertTrue(QemuAgentExec.isNotFound("Guest agent command failed, error was 'Failed to execute child process "
                + "\u201Cnosuch\u201D (No such file or directory)'"));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("an agent libvirt reports away for now (as right after a live migration) is asked again, "
            + "and the command runs once")
    void anAgentAwayForNowIsAskedAgain() {
        java.util.concurrent.atomic.AtomicInteger execs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger away = new java.util.concurrent.atomic.AtomicInteger(2);
        AgentChannel channel = (json, secs) -> {
            if (away.getAndDecrement() > 0) { // once before guest-exec, once before its first status
                throw new dev.hyperlab.core.error.HyperlabException(dev.hyperlab.core.error.ErrorCode.UNAVAILABLE,
                        "the guest agent of vm did not answer: Guest agent is not responding: Guest agent not available for now",
                        null);
            }
            if (json.contains("\"guest-exec\"")) {
                execs.incrementAndGet();
                away.set(1);
                return "{\"return\":{\"pid\":7}}";
            }
            return "{\"return\":{\"exited\":true,\"exitcode\":0,\"out-data\":\"aGkK\"}}";
        };
        ExecResult r = new QemuAgentExec(channel).exec(List.of("echo", "hi"), Duration.ofSeconds(10));
        assertEquals(0, r.exitCode());
        assertEquals("hi\n", r.stdout());
        assertEquals(1, execs.get(), "started once");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("any other agent failure is not retried")
    void otherFailuresAreNot() {
        AgentChannel channel = (json, secs) -> {
            throw new dev.hyperlab.core.error.HyperlabException(dev.hyperlab.core.error.ErrorCode.UNAVAILABLE,
                    "the guest agent of vm did not answer: Guest agent is not responding: timeout", null);
        };
        assertEquals(dev.hyperlab.core.error.ErrorCode.UNAVAILABLE, org.junit.jupiter.api.Assertions.assertThrows(
                dev.hyperlab.core.error.HyperlabException.class,
                () -> new QemuAgentExec(channel).exec(List.of("true"), Duration.ofSeconds(10))).code());
    }
}
