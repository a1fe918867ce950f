package dev.hyperlab.core.container.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerApiEngineTest {
    @Test void unreachableEngineNamesEverySocketTriedAndTheFix(@TempDir Path dir) throws Exception {
        Path stale = dir.resolve("stale.sock");
        Files.createFile(stale); // exists but nobody listens
        HyperlabException e = assertThrows(HyperlabException.class, () -> DockerApiEngine.connect(
                List.of("unix://" + dir.resolve("missing.sock"), "unix://" + stale)));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("missing.sock (no such socket)"), e.getMessage());
        assertTrue(e.getMessage().contains("stale.sock ("), e.getMessage());
        assertTrue(e.hint().contains("scripts/setup.sh") && e.hint().contains("podman system service"), e.hint());
    }

    @Test void linesAreReassembledAcrossFrames() {
        List<String> lines = new ArrayList<>();
        DockerStreams.LineSplitter s = new DockerStreams.LineSplitter(lines::add);
        s.accept("hel".getBytes(StandardCharsets.UTF_8));
        s.accept("lo\r\nwor".getBytes(StandardCharsets.UTF_8));
        s.accept("ld\nlast".getBytes(StandardCharsets.UTF_8));
        s.flush();
        assertEquals(List.of("hello", "world", "last"), lines);
    }

    @Test void engineStatusesMapToGuestStates() {
        assertEquals(GuestState.RUNNING, DockerApiEngine.stateOf("running"));
        assertEquals(GuestState.STOPPED, DockerApiEngine.stateOf("created"));
        assertEquals(GuestState.STOPPED, DockerApiEngine.stateOf("exited"));
        assertEquals(GuestState.UNKNOWN, DockerApiEngine.stateOf("weird"));
    }
}
