package dev.hyperlab.core.labrun;

import dev.hyperlab.core.error.ErrorCode;
import dev.hyperlab.core.error.HyperlabException;
import dev.hyperlab.core.lab.VmService;
import dev.hyperlab.core.labfile.PortForward;
import dev.hyperlab.core.wait.Wait;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The port forwarder of each lab, as vagrant-libvirt and Lima run theirs: one detached process per
 * lab ({@code setsid PROGRAM __forward --data DATA LAB}, see {@link LabForwarder}) that listens on the
 * host addresses of the lab's {@code ports:} and copies TCP to the guests. This class keeps its
 * books:
 * <ul>
 *   <li>{@code DATA/labs/LAB.forward.pid} (0600), written by the forwarder itself once every port is
 *       bound: its PID on the first line, then one forward per line ({@code 127.0.0.1:2222:22 web});
 *   <li>{@code DATA/labs/LAB.forward.log}: the forwarder's stdout and stderr.
 * </ul>
 * A process counts as the lab's forwarder only while its command line says {@code __forward --data
 * DATA LAB}, so a reused PID is never taken for one (nor signalled). {@link #ensure} keeps a
 * forwarder that serves what the lab wants, restarts one that serves something else, and starts one
 * and waits until it has bound every port or says why it could not; {@link #stop} ends it and
 * removes both files; {@link #leftovers} ends those whose lab is not up.
 */
public final class LabForwards {
    /** The hidden subcommand that runs a forwarder. */
    public static final String SUBCOMMAND = "__forward";
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** One forward: a host address and port to a guest's port, as the pid file and status show it. */
    public record Forward(String guest, PortForward port) {
        /** {@code 127.0.0.1:2222:22 web}: one line of the pid file. */
        public String line() {
            return port + " " + guest;
        }

        /** {@code 127.0.0.1:2222 -> web:22}. */
        public String describe() {
            return port.hostAddress() + ":" + port.hostPort() + " -> " + guest + ":" + port.guestPort();
        }

        static Optional<Forward> parse(String line) {
            String[] f = line.strip().split(" ");
            if (f.length != 2) {
                return Optional.empty();
            }
            return PortForward.parse(f[0]).map(p -> new Forward(f[1], p));
        }
    }

    /** A forwarder that runs: its PID and what it serves, as its pid file says. */
    public record Running(long pid, List<Forward> forwards) {
        public Running {
            forwards = List.copyOf(forwards);
        }
    }

    /** What {@link #ensure} did. */
    public enum Change {
        /** The lab has no ports, and no forwarder ran. */
        NONE,
        /** The forwarder that ran serves what the lab wants. */
        KEPT,
        STARTED,
        /** One that served other ports was stopped, and a new one started. */
        RESTARTED,
        /** The lab has no ports any more: its forwarder was stopped. */
        STOPPED;

        /** Whether the host's listening ports changed. */
        public boolean changed() {
            return this == STARTED || this == RESTARTED || this == STOPPED;
        }
    }

    /** The outcome of {@link #ensure}; {@code pid} is 0 when no forwarder runs. */
    public record Outcome(Change change, long pid, List<Forward> forwards) {
        public Outcome {
            forwards = List.copyOf(forwards);
        }
    }

    /** How processes are started, read and signalled; the real one is {@link LinuxProcesses}, tests give a fake. */
    public interface Processes {
        /** Starts {@code command} detached from this process, stdin from /dev/null, stdout and stderr to {@code log}. */
        Started start(List<String> command, Path log) throws IOException;

        /** The process's command line, or empty when it is gone (or a zombie, whose command line is empty). */
        Optional<List<String>> commandLine(long pid);

        /** Every process's PID. */
        List<Long> all();

        /** SIGTERM. */
        void terminate(long pid);

        /** SIGKILL. */
        void kill(long pid);

        /** The process {@link #start} started (with {@code setsid}: the forwarder itself, unless setsid had to fork). */
        interface Started {
            /** Its exit status once it has ended. */
            OptionalInt exitCode();

            void kill();
        }
    }

    private final Path dir;
    private final ForwarderPidFiles pidFiles;
    private final List<String> program;
    private final Processes procs;
    private final Duration startTimeout;
    private final ForwarderProcesses processes;

    /**
     * @param program the command that runs this program's CLI (e.g. {@code java -Xmx32m -cp JAR
     *                dev.hyperlab.cli.Main}); {@code __forward --data DATA LAB} is added to it. Empty
     *                when this process only reads, stops and cleans up forwarders.
     */
    /**
     * The command that starts a forwarder from this very JVM's class path: the same java and jar, small
     * heap, {@code mainClass} (the CLI's, which answers {@link #SUBCOMMAND} before it builds anything else).
     */
    public static List<String> programOfThisJvm(String mainClass) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(s -> Path.of(s).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return List.of(javaBin, "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", cp, mainClass);
    }

    public LabForwards(Path dataDir, List<String> program) {
        this(dataDir, program, new LinuxProcesses(), START_TIMEOUT, STOP_GRACE);
    }

    LabForwards(Path dataDir, List<String> program, Processes procs, Duration startTimeout, Duration stopGrace) {
        Path data = dataDir.toAbsolutePath().normalize();
        this.dir = data.resolve("labs");
        this.pidFiles = new ForwarderPidFiles(dir);
        this.program = List.copyOf(program);
        this.procs = procs;
        this.startTimeout = startTimeout;
        this.processes = new ForwarderProcesses(procs, data.toString(), program, stopGrace);
    }

    public Path pidFile(String lab) { return pidFiles.file(lab); }

    public Path logFile(String lab) {
        return dir.resolve(lab + ".forward.log");
    }

    /**
     * What the lab's forwarder should serve: each guest's {@code ports:} as its last {@code up} wrote
     * them, by host port (the state lists guests in the order they were first made, which parallel
     * creates make differ from one up to the next).
     */
    public static List<Forward> wanted(LabState st) {
        List<Forward> out = new ArrayList<>();
        st.guests().forEach((name, g) -> ports(g).forEach(p -> out.add(new Forward(name, p))));
        out.sort(java.util.Comparator.comparingInt((Forward f) -> f.port().hostPort())
                .thenComparing(f -> f.port().hostAddress()).thenComparing(Forward::guest));
        return out;
    }

    /** A guest's forwards, read back from its spec ({@code [127.0.0.1:2222:22, ...]}). */
    public static List<PortForward> ports(LabState.Guest g) {
        String p = g.spec().getOrDefault("ports", "[]");
        if (p.length() < 2 || p.equals("[]")) {
            return List.of();
        }
        List<PortForward> out = new ArrayList<>();
        for (String s : p.substring(1, p.length() - 1).split(", ")) {
            PortForward.parse(s).ifPresent(out::add);
        }
        return out;
    }

    /** The lab's forwarder, when its pid file names a process that is it. */
    public Optional<Running> running(String lab) {
        return readPidFile(lab).filter(r -> processes.isForwarder(r.pid(), lab));
    }

    private Optional<Running> readPidFile(String lab) { return pidFiles.read(lab); }

    /** Whether the pid file names {@code pid}: the forwarder's own check that it is still the lab's. */
    public boolean pidFileNames(String lab, long pid) {
        return readPidFile(lab).map(r -> r.pid() == pid).orElse(false);
    }

    /** Written by the forwarder once it listens on every port: temporary file, 0600, moved over the old one. */
    public void writePidFile(String lab, long pid, List<Forward> forwards) { pidFiles.write(lab, pid, forwards); }

    /** Removes the pid file when it still names {@code pid} (a forwarder leaving removes only its own). */
    public void removePidFileOf(String lab, long pid) {
        if (pidFileNames(lab, pid)) {
            deleteQuietly(pidFile(lab));
        }
    }

    /**
     * Makes the lab's forwarder serve what {@code st} wants: keeps the one that does, restarts one that
     * serves other ports, stops it when the lab has none, starts one otherwise. A forwarder that does
     * not start (a port taken meanwhile, a VM's bridge not in this network namespace) is a
     * HyperlabException with its one-line reason, and leaves no process, pid file or log behind.
     */
    public Outcome ensure(LabState st) {
        String lab = st.lab();
        List<Forward> want = wanted(st);
        Optional<Running> now = running(lab);
        if (want.isEmpty()) {
            if (now.isPresent() || !processes.of(lab).isEmpty()) {
                stop(lab);
                return new Outcome(Change.STOPPED, 0, List.of());
            }
            removeFiles(lab);
            return new Outcome(Change.NONE, 0, List.of());
        }
        if (now.isPresent() && Set.copyOf(now.get().forwards()).equals(Set.copyOf(want))
                && processes.of(lab).equals(List.of(now.get().pid()))) {
            return new Outcome(Change.KEPT, now.get().pid(), now.get().forwards());
        }
        boolean restart = now.isPresent() || !processes.of(lab).isEmpty();
        stop(lab);
        Running r = start(lab, want);
        return new Outcome(restart ? Change.RESTARTED : Change.STARTED, r.pid(), r.forwards());
    }

    private Running start(String lab, List<Forward> want) {
        if (program.isEmpty()) {
            throw new IllegalStateException("this LabForwards was made without the program's command: it cannot start one");
        }
        Path log = logFile(lab);
        Processes.Started p;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(log);
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            p = procs.start(processes.command(lab), log);
        } catch (IOException e) {
            removeFiles(lab);
            throw new HyperlabException(ErrorCode.OPERATION_FAILED, "starting the port forwarder of lab " + lab + " failed: "
                    + e.getMessage(), "try 'hyperlab doctor'", e);
        }
        Set<Forward> wantSet = Set.copyOf(want);
        AtomicReference<Optional<Running>> seen = new AtomicReference<>(Optional.empty());
        boolean up;
        try {
            up = Wait.upTo(startTimeout).poll(Duration.ofMillis(100), () -> {
                seen.set(running(lab).filter(r -> Set.copyOf(r.forwards()).equals(wantSet)));
                // setsid forks only when it leads its process group; then its own exit says nothing
                return seen.get().isPresent() || p.exitCode().orElse(0) != 0;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            up = false;
        }
        if (seen.get().isPresent()) {
            return seen.get().get();
        }
        String why = up ? lastLine(log).orElse("it ended with status " + p.exitCode().orElse(-1))
                : "it did not listen within " + startTimeout.toSeconds() + " s";
        p.kill();
        stop(lab);
        throw new HyperlabException(ErrorCode.OPERATION_FAILED, "the port forwarder of lab " + lab + " did not start: " + why,
                why.contains("; try ") ? null : "try 'hyperlab up' again; the guests are kept, 'hyperlab down' removes them");
    }

    /** The log's last line that says something, without the CLI's "error: " prefix. */
    private static Optional<String> lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (!l.isEmpty() && !l.startsWith("at ")) {
                    return Optional.of(l.startsWith("error: ") ? l.substring("error: ".length()) : l);
                }
            }
        } catch (IOException e) {
            // no log: the caller says what it knows
        }
        return Optional.empty();
    }

    /**
     * Ends the lab's forwarder (SIGTERM, then SIGKILL after 5 s) and any other process that is it, then
     * removes the pid file and the log. Returns the PIDs ended.
     */
    public List<Long> stop(String lab) {
        Set<Long> pids = new LinkedHashSet<>();
        running(lab).ifPresent(r -> pids.add(r.pid()));
        pids.addAll(processes.of(lab));
        processes.end(pids, lab);
        removeFiles(lab);
        return List.copyOf(pids);
    }

    private void removeFiles(String lab) {
        deleteQuietly(pidFile(lab));
        deleteQuietly(logFile(lab));
    }

    /**
     * The {@code gc} part: forwarders (found by their command line, pid file or not) and their files,
     * of labs not in {@code up} whose name starts with {@code prefix}; ended and removed unless {@code dryRun}.
     */
    public List<VmService.Leftover> leftovers(Set<String> up, String prefix, boolean dryRun) {
        List<VmService.Leftover> out = new ArrayList<>();
        Set<String> labs = new HashSet<>();
        for (long pid : procs.all()) {
            procs.commandLine(pid).flatMap(processes::labOf).filter(l -> !up.contains(l) && l.startsWith(prefix)).ifPresent(lab -> {
                labs.add(lab);
                if (!dryRun) {
                    processes.end(new LinkedHashSet<>(List.of(pid)), lab);
                }
                out.add(new VmService.Leftover("forward", lab + " (pid " + pid + ")", "port forwarder of lab " + lab
                        + ", which is not up", !dryRun));
            });
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                for (String suffix : List.of(".forward.pid", ".forward.log")) {
                    if (n.endsWith(suffix) && !n.startsWith(".")) {
                        String lab = n.substring(0, n.length() - suffix.length());
                        if (!up.contains(lab) && lab.startsWith(prefix)) {
                            if (!dryRun) {
                                deleteQuietly(f);
                            }
                            out.add(new VmService.Leftover("file", f.toString(), "of the port forwarder of lab " + lab
                                    + ", which is not up", !dryRun));
                        }
                    }
                }
            }
        } catch (IOException e) {
            // no labs directory: no files to clean
        }
        return out;
    }

    /** What {@code status} shows: each forward of the lab with whether its forwarder serves it. */
    public Map<Forward, Boolean> served(LabState st) {
        Set<Forward> serving = running(st.lab()).map(r -> Set.copyOf(r.forwards())).orElse(Set.of());
        Map<Forward, Boolean> out = new java.util.LinkedHashMap<>();
        wanted(st).forEach(f -> out.put(f, serving.contains(f)));
        return out;
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // the next stop or gc tries again
        }
    }
}
