package dev.hyperlab.core.labrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.VmService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder's books without a process: a fake process table whose "forwarders" write the pid file
 * (or a line of error and exit) as the real one does.
 */
class LabForwardsTest {
    private static final List<String> PROGRAM = List.of("java", "-cp", "hyperlab.jar", "dev.hyperlab.cli.Main");

    @TempDir Path data;
    private FakeProcesses procs;
    private LabForwards forwards;

    @BeforeEach void books() {
        procs = new FakeProcesses();
        forwards = new LabForwards(data, PROGRAM, procs, Duration.ofSeconds(1), Duration.ofMillis(200));
        // By default a started forwarder does what the real one does once it listens: writes the pid file.
        procs.behaviour = (pid, lab) -> forwards.writePidFile(lab, pid, LabForwards.wanted(state(lab, ports)));
    }

    private String ports = "[127.0.0.1:2222:22]";

    private LabState state(String lab, String webPorts) {
        return new LabState(lab, "/x/hyperlab.yaml", "iid", Map.of(), Map.of())
                .withGuest("web", new LabState.Guest("vm", Map.of("kind", "vm", "ports", webPorts), Map.of("lan", "192.168.150.10"), 1.0))
                .withGuest("db", new LabState.Guest("system", Map.of("kind", "system", "ports", "[]"), Map.of(), 1.0));
    }

    private String mode(Path f) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
    }

    @Test
    @DisplayName("a lab's ports become one forwarder, started with setsid as '__forward --data DATA LAB', its pid file 0600")
    void starts() throws Exception {
        LabForwards.Outcome o = forwards.ensure(state("l", ports));
        assertEquals(LabForwards.Change.STARTED, o.change());
        assertEquals(List.of("127.0.0.1:2222 -> web:22"), o.forwards().stream().map(LabForwards.Forward::describe).toList());
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(PROGRAM);
        cmd.addAll(List.of("__forward", "--data", data.toAbsolutePath().toString(), "l"));
        assertEquals(cmd, procs.started.get(0));
        assertEquals(o.pid() + "\n127.0.0.1:2222:22 web\n", Files.readString(forwards.pidFile("l")));
        assertEquals("rw-------", mode(forwards.pidFile("l")));
        assertEquals("rw-------", mode(forwards.logFile("l")));
        assertEquals(Optional.of(new LabForwards.Running(o.pid(), o.forwards())), forwards.running("l"));
        assertEquals(Map.of(o.forwards().get(0), true), forwards.served(state("l", ports)));
    }

    @Test
    @DisplayName("a second up keeps a forwarder serving the same ports, restarts it for others, stops it when none are left")
    void keepsRestartsStops() {
        long first = forwards.ensure(state("l", ports)).pid();
        LabForwards.Outcome again = forwards.ensure(state("l", ports));
        assertEquals(LabForwards.Change.KEPT, again.change());
        assertEquals(first, again.pid());
        assertEquals(List.of(), procs.signals, "a kept forwarder is not signalled");

        ports = "[127.0.0.1:2222:22, 127.0.0.1:8080:80]";
        LabForwards.Outcome changed = forwards.ensure(state("l", ports));
        assertEquals(LabForwards.Change.RESTARTED, changed.change());
        assertEquals(List.of("TERM " + first), procs.signals);
        assertEquals(2, changed.forwards().size());
        assertFalse(procs.table.containsKey(first));

        LabForwards.Outcome none = forwards.ensure(state("l", "[]"));
        assertEquals(LabForwards.Change.STOPPED, none.change());
        assertTrue(procs.table.isEmpty(), "no forwarder left: " + procs.table);
        assertFalse(Files.exists(forwards.pidFile("l")) || Files.exists(forwards.logFile("l")), "pid file and log removed");
        assertEquals(LabForwards.Change.NONE, forwards.ensure(state("l", "[]")).change());
    }

    @Test
    @DisplayName("a forwarder that cannot listen fails up with its own one-line reason, and leaves no process, pid file or log")
    void failsWhole() {
        procs.behaviour = (pid, lab) -> {
            procs.log(lab, "error: forwarding 127.0.0.1:2222 -> web:22 failed: cannot listen on 127.0.0.1:2222: Address "
                    + "already in use; try another host port, or stop what listens there (ss -ltnp)");
            procs.exit(pid, 1);
        };
        HyperlabException e = assertThrows(HyperlabException.class, () -> forwards.ensure(state("l", ports)));
        assertEquals("the port forwarder of lab l did not start: forwarding 127.0.0.1:2222 -> web:22 failed: cannot listen "
                + "on 127.0.0.1:2222: Address already in use; try another host port, or stop what listens there (ss -ltnp)",
                e.userMessage());
        assertNull(e.hint(), "the forwarder's own hint is kept, not a second one");
        assertTrue(procs.table.isEmpty());
        assertFalse(Files.exists(forwards.pidFile("l")) || Files.exists(forwards.logFile("l")));
    }

    @Test
    @DisplayName("a forwarder that never listens is killed after the start timeout, and up says so")
    void neverListens() {
        procs.behaviour = (pid, lab) -> { };
        HyperlabException e = assertThrows(HyperlabException.class, () -> forwards.ensure(state("l", ports)));
        assertEquals("the port forwarder of lab l did not start: it did not listen within 1 s", e.getMessage());
        assertTrue(procs.table.isEmpty(), "killed: " + procs.table);
        assertFalse(Files.exists(forwards.logFile("l")));
    }

    @Test
    @DisplayName("a pid file naming a process that is not the lab's forwarder (a reused PID) is not trusted and never signalled")
    void reusedPid() throws Exception {
        Files.createDirectories(data.resolve("labs"));
        Files.writeString(forwards.pidFile("l"), "4242\n127.0.0.1:2222:22 web\n");
        procs.table.put(4242L, List.of("sleep", "100"));
        assertTrue(forwards.running("l").isEmpty());
        LabForwards.Outcome o = forwards.ensure(state("l", ports));
        assertEquals(LabForwards.Change.STARTED, o.change());
        assertTrue(procs.signals.isEmpty(), procs.signals.toString());
        assertTrue(procs.table.containsKey(4242L));
        // nor is the forwarder of another data directory (another HYPERLAB_HOME) taken for this one's
        procs.table.put(4343L, List.of("java", "dev.hyperlab.cli.Main", "__forward", "--data", "/elsewhere", "l"));
        assertEquals(LabForwards.Change.KEPT, forwards.ensure(state("l", ports)).change());
    }

    @Test
    @DisplayName("stop sends SIGTERM, then SIGKILL to a forwarder that does not end, removes both files, and status calls the ports down")
    void stopEscalates() {
        long pid = forwards.ensure(state("l", ports)).pid();
        procs.stubborn.add(pid);
        assertEquals(List.of(pid), forwards.stop("l"));
        assertEquals(List.of("TERM " + pid, "KILL " + pid), procs.signals);
        assertEquals(List.of(false), List.copyOf(forwards.served(state("l", ports)).values()), "status: its ports are down");
        assertFalse(Files.exists(forwards.pidFile("l")) || Files.exists(forwards.logFile("l")));
        assertEquals(List.of(), forwards.stop("l"), "stopping again is nothing");
    }

    @Test
    @DisplayName("gc ends forwarders of labs that are not up, found by command line with or without a pid file, and removes their files")
    void leftovers() throws Exception {
        long up = forwards.ensure(state("up", ports)).pid();
        long gone = forwards.ensure(state("gone", ports)).pid();
        Files.delete(forwards.pidFile("gone")); // a forwarder is found without its pid file too
        Files.writeString(data.resolve("labs/old.forward.log"), "stopped\n");
        procs.table.put(7777L, List.of("java", "dev.hyperlab.cli.Main", "__forward", "--data", "/elsewhere", "gone"));

        List<VmService.Leftover> dry = forwards.leftovers(Set.of("up"), "", true);
        assertEquals(3, dry.size(), dry.toString());
        assertTrue(dry.stream().noneMatch(VmService.Leftover::removed));
        assertTrue(procs.table.containsKey(gone));

        List<VmService.Leftover> found = forwards.leftovers(Set.of("up"), "", false);
        assertTrue(found.stream().anyMatch(l -> l.kind().equals("forward") && l.name().equals("gone (pid " + gone + ")")
                && l.reason().equals("port forwarder of lab gone, which is not up")), found.toString());
        assertFalse(procs.table.containsKey(gone));
        assertTrue(procs.table.containsKey(up) && procs.table.containsKey(7777L), "the up lab's and another data dir's are kept");
        assertFalse(Files.exists(forwards.logFile("gone")) || Files.exists(data.resolve("labs/old.forward.log")));
        assertTrue(Files.exists(forwards.pidFile("up")) && Files.exists(forwards.logFile("up")));
        assertEquals(List.of(), forwards.leftovers(Set.of("up"), "", false));
    }

    /** Processes as a map of PID to command line. */
    static final class FakeProcesses implements LabForwards.Processes {
        final Map<Long, List<String>> table = new ConcurrentHashMap<>();
        final Map<Long, Integer> exits = new ConcurrentHashMap<>();
        final List<List<String>> started = new CopyOnWriteArrayList<>();
        final List<String> signals = new CopyOnWriteArrayList<>();
        final Set<Long> stubborn = ConcurrentHashMap.newKeySet();
        final Map<String, Path> logs = new ConcurrentHashMap<>();
        BiConsumer<Long, String> behaviour = (pid, lab) -> { };
        private long next = 1000;

        @Override public Started start(List<String> command, Path log) {
            long pid = next++;
            started.add(command);
            table.put(pid, command.subList(1, command.size())); // setsid execs the rest in place
            String lab = command.get(command.size() - 1);
            logs.put(lab, log);
            behaviour.accept(pid, lab);
            return new Started() {
                @Override public OptionalInt exitCode() {
                    Integer e = exits.get(pid);
                    return e == null ? OptionalInt.empty() : OptionalInt.of(e);
                }

                @Override public void kill() {
                    table.remove(pid);
                }
            };
        }

        void log(String lab, String line) {
            try {
                Files.writeString(logs.get(lab), line + "\n", java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void exit(long pid, int code) {
            table.remove(pid);
            exits.put(pid, code);
        }

        @Override public Optional<List<String>> commandLine(long pid) {
            return Optional.ofNullable(table.get(pid));
        }

        @Override public List<Long> all() {
            return new ArrayList<>(table.keySet());
        }

        @Override public void terminate(long pid) {
            signals.add("TERM " + pid);
            if (!stubborn.contains(pid)) {
                table.remove(pid);
            }
        }

        @Override public void kill(long pid) {
            signals.add("KILL " + pid);
            table.remove(pid);
        }
    }
}
