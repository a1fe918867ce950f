package dev.hyperlab.core.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.model.GuestState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ct rm, ct exec and gc check what the engine holds before they act. */
class ContainerChecksTest {
    @TempDir Path data;

    private final ListedEngine engine = new ListedEngine();

    private ContainerService service() {
        return new ContainerService(engine, data, null, null, System::nanoTime, new HostResources(2, 1L << 30));
    }

    @Test
    @DisplayName("ct rm refuses a running container without --force, and touches nothing")
    void rmRefusesARunningContainer() {
        engine.add("box", GuestState.RUNNING, true);
        HyperlabException e = assertThrows(HyperlabException.class, () -> service().remove("box", false));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("removing container box failed: it is running; try `hyperlab ct stop box` first, "
                + "or `hyperlab ct rm --force box`", e.userMessage());
        assertEquals(List.of(), engine.calls);
        service().remove("box", true);
        assertTrue(engine.byName.isEmpty());
    }

    @Test
    @DisplayName("ct rm of a stopped container needs no --force")
    void rmOfAStoppedContainer() {
        engine.add("box", GuestState.STOPPED, true);
        service().remove("box", false);
        assertTrue(engine.byName.isEmpty());
    }

    @Test
    @DisplayName("ct rm of a name that does not exist is an error")
    void rmOfNothingIsAnError() {
        HyperlabException e = assertThrows(HyperlabException.class, () -> service().remove("nosuch", false));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertEquals("removing container nosuch failed: no such container; try `hyperlab ct list`", e.userMessage());
    }

    @Test
    @DisplayName("ct rm of a name whose container is gone but whose seed is left removes the leftover")
    void rmOfALeftoverDirectory() throws Exception {
        Path dir = LabDirs.containerDir(data, "half");
        Files.createDirectories(dir.resolve("seed"));
        service().remove("half", false);
        assertFalse(Files.exists(dir));
    }

    @Test
    @DisplayName("ct exec on a stopped container says so in one line, before the engine's 500")
    void execOnAStoppedContainer() {
        engine.add("box", GuestState.STOPPED, true);
        HyperlabException e = assertThrows(HyperlabException.class, () -> service().exec("box", List.of("true"),
                Duration.ofSeconds(5)));
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("running a command in container box failed: it is stopped; try `hyperlab ct start box` first",
                e.userMessage());
        assertEquals(List.of(), engine.calls);
    }

    @Test
    @DisplayName("gc finds a container seed directory whose container is gone, and keeps the live ones")
    void gcFindsOrphanSeedDirectories() throws Exception {
        engine.add("live", GuestState.RUNNING, true);
        Path live = Files.createDirectories(LabDirs.containerDir(data, "live").resolve("seed"));
        Path orphan = Files.createDirectories(LabDirs.containerDir(data, "gone").resolve("seed"));
        Files.writeString(orphan.resolve("user-data"), "#cloud-config\n");

        List<ContainerService.Leftover> dry = service().gc(true);
        assertEquals(List.of(new ContainerService.Leftover("ct-dir", LabDirs.containerDir(data, "gone").toString(),
                "no container gone", false)), dry);
        assertTrue(Files.exists(orphan));

        assertEquals(1, service().gc(false).size());
        assertFalse(Files.exists(LabDirs.containerDir(data, "gone")));
        assertTrue(Files.exists(live));
    }

    @Test
    @DisplayName("one name rule for every guest: container names are lower case like VM names")
    void containerNamesFollowTheVmRule() {
        HyperlabException e = assertThrows(HyperlabException.class,
                () -> service().validate(ContainerRequest.app("Web_1", "debian-12", List.of("true"))));
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertEquals("bad container name 'Web_1': use 1-63 lower-case letters, digits and inner dashes (it becomes the "
                + "hostname); try e.g. 'web-1'", e.userMessage());
        service().validate(ContainerRequest.app("web-1", "debian-12", List.of("true")));
    }
}
