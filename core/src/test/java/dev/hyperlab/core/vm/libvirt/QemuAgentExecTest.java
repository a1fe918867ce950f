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
}
